import { expect } from 'chai';
import sinon from 'sinon';
import { configCache, configChanged } from '../../server/db/config-cache.js';
import type { Executor } from '../../server/db/database.js';

describe('configCache: rules and policies read at most once a second per process', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['Date'] })));
  afterEach(() => clock.restore());

  const db = { isTransaction: false } as unknown as Executor;
  const tx = { isTransaction: true } as unknown as Executor;
  const counter = () => {
    let reads = 0;
    return { load: async () => ++reads, reads: () => reads };
  };

  it('answers from memory within the second, reads again after it', async () => {
    const cache = configCache<string, number>(1000);
    const c = counter();
    expect(await cache.get(db, 'k', c.load)).to.equal(1);
    clock.tick(999);
    expect(await cache.get(db, 'k', c.load)).to.equal(1);
    clock.tick(1);
    expect(await cache.get(db, 'k', c.load)).to.equal(2);
    expect(c.reads()).to.equal(2);
  });

  it('keeps keys and database handles apart', async () => {
    const cache = configCache<string, number>(1000);
    const c = counter();
    const other = { isTransaction: false } as unknown as Executor;
    await cache.get(db, 'a', c.load);
    await cache.get(db, 'b', c.load);
    await cache.get(other, 'a', c.load);
    expect(c.reads()).to.equal(3);
  });

  it('an edit in this process (configChanged) is seen at once', async () => {
    const cache = configCache<string, number>(1000);
    const c = counter();
    await cache.get(db, 'k', c.load);
    configChanged();
    expect(await cache.get(db, 'k', c.load)).to.equal(2);
  });

  it('never keeps a failed read, and never caches inside a transaction', async () => {
    const cache = configCache<string, number>(1000);
    let fail = true;
    const load = async () => {
      if (fail) throw new Error('database down');
      return 7;
    };
    await cache.get(db, 'k', load).then(() => expect.fail('should throw'), (e: Error) => expect(e.message).to.equal('database down'));
    fail = false;
    expect(await cache.get(db, 'k', load)).to.equal(7);
    const c = counter();
    await cache.get(tx, 'k', c.load);
    await cache.get(tx, 'k', c.load);
    expect(c.reads()).to.equal(2);
  });
});
