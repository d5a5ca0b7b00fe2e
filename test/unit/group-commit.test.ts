import { expect } from 'chai';
import sinon from 'sinon';
import { groupCommit } from '../../server/db/group-commit.js';

/** A fake statement: records each batch it was given and answers each item with its double. */
function recorder(opts: { failOn?: number; delayMs?: number } = {}) {
  const batches: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const run = async (items: number[]) => {
    batches.push([...items]);
    running++;
    maxRunning = Math.max(maxRunning, running);
    try {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.failOn != null && items.includes(opts.failOn)) throw new Error(`item ${opts.failOn} is bad`);
      return items.map((i) => i * 2);
    } finally {
      running--;
    }
  };
  return { run, batches, maxRunning: () => maxRunning };
}

describe('groupCommit: items that arrive together share one statement', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] })));
  afterEach(() => clock.restore());
  const opts = (over = {}) => ({ maxBatch: 100, maxInFlight: 1, minIntervalMs: 50, now: () => clock.now, ...over });

  it('writes the items of one event-loop turn in one batch, and answers each caller with its own result', async () => {
    const r = recorder();
    const store = groupCommit(r.run, opts());
    const results = Promise.all([1, 2, 3].map(store));
    await clock.tickAsync(0);
    expect(await results).to.deep.equal([2, 4, 6]);
    expect(r.batches).to.deep.equal([[1, 2, 3]]);
  });

  it('writes a lone item at once after a quiet spell, then gathers what arrives within the interval', async () => {
    const r = recorder();
    const store = groupCommit(r.run, opts());
    const first = store(1);
    await clock.tickAsync(0);
    expect(await first).to.equal(2);
    const later = [store(2), store(3)];
    await clock.tickAsync(10);
    const more = store(4);
    await clock.tickAsync(20);
    expect(r.batches, 'nothing before the interval is over').to.deep.equal([[1]]);
    await clock.tickAsync(20);
    expect(await Promise.all([...later, more])).to.deep.equal([4, 6, 8]);
    expect(r.batches).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('keeps at most maxBatch items in a batch and at most maxInFlight batches running', async () => {
    const r = recorder({ delayMs: 5 });
    const store = groupCommit(r.run, opts({ maxBatch: 2, maxInFlight: 2, minIntervalMs: 0 }));
    const all = Promise.all([1, 2, 3, 4, 5].map(store));
    await clock.tickAsync(100);
    expect(await all).to.deep.equal([2, 4, 6, 8, 10]);
    expect(r.batches).to.deep.equal([[1, 2], [3, 4], [5]]);
    expect(r.maxRunning()).to.equal(2);
  });

  it('never puts two items with the same key in one batch, and keeps their order', async () => {
    const r = recorder();
    const store = groupCommit(r.run, opts({ minIntervalMs: 0, keyOf: (i: number) => (i === 5 ? null : String(i % 2)) }));
    const all = Promise.all([1, 2, 3, 4, 5, 7].map(store));
    await clock.tickAsync(10);
    expect(await all).to.deep.equal([2, 4, 6, 8, 10, 14]);
    // Odd items share a key, even ones another; 5 has none and travels with the first batch.
    expect(r.batches).to.deep.equal([[1, 2, 5], [3, 4], [7]]);
  });

  it('holds an item back while a batch with its key is still running, though a batch could run beside it', async () => {
    const r = recorder({ delayMs: 20 });
    const store = groupCommit(r.run, opts({ maxInFlight: 2, minIntervalMs: 0, keyOf: (i: number) => String(i % 10) }));
    const first = store(1);
    await clock.tickAsync(1); // 1 is running
    const later = Promise.all([11, 2].map(store));
    await clock.tickAsync(1);
    // 2 runs beside 1; 11 shares 1's key and waits until 1 is written.
    expect(r.batches).to.deep.equal([[1], [2]]);
    await clock.tickAsync(100);
    expect([await first, ...(await later)]).to.deep.equal([2, 22, 4]);
    expect(r.batches).to.deep.equal([[1], [2], [11]]);
  });

  it('retries the items of a failed batch one by one, so only the bad item fails', async () => {
    const r = recorder({ failOn: 2 });
    const store = groupCommit(r.run, opts());
    const settled = Promise.allSettled([1, 2, 3].map(store));
    await clock.tickAsync(0);
    const out = await settled;
    expect(out.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((out[1] as PromiseRejectedResult).reason.message).to.equal('item 2 is bad');
    expect(r.batches).to.deep.equal([[1, 2, 3], [1], [2], [3]]);
  });

  it('refuses a statement that answers for fewer items than it was given', async () => {
    const store = groupCommit(async (items: number[]) => items.slice(1), opts());
    const settled = Promise.allSettled([store(1)]);
    await clock.tickAsync(0);
    const [out] = await settled;
    expect(out!.status).to.equal('rejected');
    expect((out as PromiseRejectedResult).reason.message).to.equal('group commit: 0 results for 1 items');
  });
});
