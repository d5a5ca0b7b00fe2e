import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { createLogger, withLogContext, type LogLevel } from '../../server/logger.js';

function capture(role: string, opts: { level?: LogLevel; silent?: boolean } = {}) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(role, { ...opts, destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  return { log, lines };
}

describe('logger (pino)', () => {
  it('writes one JSON line per event: level by name, ISO time, role, message', () => {
    const { log, lines } = capture('workers');
    log.warn('disk nearly full');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 'warn', role: 'workers', msg: 'disk nearly full' });
    expect(lines[0]!.time).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it('puts the context (request id, queue and job id) on every line inside it, and a line’s fields on that line only', () => {
    const { log, lines } = capture('server');
    withLogContext({ reqId: 'r1' }, () => {
      log.info({ contactId: 7 }, 'wrapped up');
      withLogContext({ queue: 'routing', jobId: 'route-7' }, () => log.child({ part: 'x' }).info('inner'));
      log.info('after');
    });
    log.info('outside');
    expect(lines.map((l) => [l.msg, l.reqId, l.jobId, l.contactId])).to.deep.equal([
      ['wrapped up', 'r1', undefined, 7],
      ['inner', 'r1', 'route-7', undefined],
      ['after', 'r1', undefined, undefined],
      ['outside', undefined, undefined, undefined],
    ]);
    expect(lines[1]).to.include({ queue: 'routing', part: 'x' });
  });

  it('redacts cookies, authorization and bodies, should a request or body ever be logged', () => {
    const { log, lines } = capture('server');
    log.error({ req: { headers: { cookie: 'h111_sid=secret', authorization: 'Bearer secret' }, body: { narrative: 'secret' } }, body: 'secret' } as never, 'oops');
    expect(JSON.stringify(lines)).not.to.include('secret');
    expect(lines[0]).to.deep.include({ body: '[redacted]' });
  });

  it('logs from LOG_LEVEL up (info by default); tests’ silent loggers keep errors only', () => {
    expect(loadConfig({}).LOG_LEVEL).to.equal('info');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(/LOG_LEVEL/);
    const warn = capture('server', { level: loadConfig({ LOG_LEVEL: 'warn' }).LOG_LEVEL });
    warn.log.info('no');
    warn.log.warn('yes');
    expect(warn.lines.map((l) => l.msg)).to.deep.equal(['yes']);
    const silent = capture('test', { silent: true });
    silent.log.info('no');
    silent.log.warn('no');
    silent.log.error('yes');
    expect(silent.lines.map((l) => l.msg)).to.deep.equal(['yes']);
  });
});
