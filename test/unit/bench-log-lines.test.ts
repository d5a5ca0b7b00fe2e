import { expect } from 'chai';
import { isError, isWarnOrError } from '../../bench/lib/log-lines.js';
import { createLogger } from '../../server/logger.js';

describe('benchmarks: which server and workers lines they show', () => {
  it('reads the level of the JSON lines, and WARN/ERROR in plain lines', () => {
    const lines: string[] = [];
    const log = createLogger('server', { level: 'debug', destination: { write: (s: string) => void lines.push(s.trim()) } });
    log.debug('WARN in a debug message is not a warning');
    log.info('ERROR in an info message is not an error');
    log.warn('slow');
    log.error('failed');
    expect(lines.map(isWarnOrError)).to.deep.equal([false, false, true, true]);
    expect(lines.map(isError)).to.deep.equal([false, false, false, true]);
    expect(isWarnOrError('Error: boom')).to.equal(false);
    expect(isError('ERROR [realtime] emit failed')).to.equal(true);
    expect(isWarnOrError('(node:1) WARN something')).to.equal(true);
  });
});
