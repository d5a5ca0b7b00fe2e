import { expect } from 'chai';
import sinon from 'sinon';
import type { ContactChange, ContactSummary } from '../../shared/index.js';
import { changeCoalescer } from '../../server/realtime/change-coalescer.js';

const change = (id: number, kind: ContactChange['kind'] = 'created'): ContactChange => ({ kind, contact: { id } as ContactSummary });
const ids = (list: ContactChange[]) => list.map((c) => `${c.kind[0]}${c.contact.id}`);

describe('changeCoalescer: queue changes to a room leave together, at most once an interval', () => {
  let clock: sinon.SinonFakeTimers;
  let sent: { rooms: string[]; changes: string[]; at: number }[];
  let coalescer: ReturnType<typeof changeCoalescer>;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
    sent = [];
    coalescer = changeCoalescer((rooms, changes) => sent.push({ rooms, changes: ids(changes), at: clock.now }), 25, () => clock.now);
  });
  afterEach(() => clock.restore());

  it('sends the first change after a quiet spell at the end of the turn, merged with the rest of that turn', async () => {
    coalescer.add(['operators'], [change(1)]);
    coalescer.add(['operators'], [change(2), change(1, 'updated')]);
    expect(sent).to.deep.equal([]);
    await clock.tickAsync(0);
    expect(sent).to.deep.equal([{ rooms: ['operators'], changes: ['c1', 'c2', 'u1'], at: 0 }]);
  });

  it('holds what follows until the interval is over, then sends it as one list, in order', async () => {
    coalescer.add(['operators'], [change(1)]);
    await clock.tickAsync(5);
    coalescer.add(['operators'], [change(2)]);
    await clock.tickAsync(10);
    coalescer.add(['operators'], [change(2, 'updated')]);
    await clock.tickAsync(5);
    expect(sent).to.have.length(1);
    await clock.tickAsync(10);
    expect(sent).to.deep.equal([
      { rooms: ['operators'], changes: ['c1'], at: 0 },
      { rooms: ['operators'], changes: ['c2', 'u2'], at: 25 },
    ]);
    // Quiet again for longer than the interval: the next change leaves at once.
    await clock.tickAsync(100);
    coalescer.add(['operators'], [change(3)]);
    await clock.tickAsync(0);
    expect(sent.at(-1)).to.deep.equal({ rooms: ['operators'], changes: ['c3'], at: 130 });
  });

  it('keeps lists for different rooms apart', async () => {
    coalescer.add(['operators'], [change(1)]);
    coalescer.add(['operators', 'supervisors'], [change(2)]);
    await clock.tickAsync(0);
    expect(sent.map((s) => [s.rooms.join('+'), s.changes.join()])).to.deep.equal([['operators', 'c1'], ['operators+supervisors', 'c2']]);
  });

  it('flush() sends what waits at once (before a session ends); stop() drops it', async () => {
    coalescer.add(['operators'], [change(1)]);
    await clock.tickAsync(0);
    coalescer.add(['operators'], [change(2)]);
    coalescer.flush();
    expect(sent.map((s) => s.changes.join())).to.deep.equal(['c1', 'c2']);
    coalescer.add(['operators'], [change(3)]);
    coalescer.stop();
    await clock.tickAsync(100);
    expect(sent).to.have.length(2);
  });
});
