import { expect } from 'chai';
import { Worker, type ConnectionOptions, type Queue } from 'bullmq';
import { QUEUES } from '../../shared/index.js';
import { createQueues, JOB_RETENTION, type Queues } from '../../server/queues.js';
import { createStreamsEmitterNotifier } from '../../server/realtime/publisher.js';
import { maintenanceProcessor } from '../../workers/processors/maintenance.js';
import { ensureSchedulers } from '../../workers/run-workers.js';
import { baseContext } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { testEnv } from '../support/test-env.js';
import { until } from '../support/until.js';

const DAY = 24 * 3600;
type Keep = boolean | number | { age?: number; count?: number } | undefined;

/** Both bounds, and failed jobs kept long enough for the supervisor's list (two weeks). */
function expectBounded(opts: { removeOnComplete?: Keep; removeOnFail?: Keep }, what: string, completed: 'removed' | 'kept' = 'kept') {
  if (completed === 'removed') expect(opts.removeOnComplete, `${what}: completed`).to.equal(true);
  else expect(opts.removeOnComplete, `${what}: completed`).to.deep.include.keys('age', 'count');
  const fail = opts.removeOnFail as { age: number; count: number };
  expect(fail, `${what}: failed`).to.be.an('object').that.has.all.keys('age', 'count');
  expect(fail.age, `${what}: failed kept two weeks`).to.equal(14 * DAY);
  expect(fail.count, `${what}: failed count`).to.be.within(1000, 10_000);
}

describe('bounded queues (issue 16: Redis is persisted with noeviction, nothing may grow without bound)', function () {
  this.timeout(120_000);
  let queues: Queues;
  const all = () => Object.entries(queues).filter(([, q]) => typeof q !== 'function') as [string, Queue][];

  before(() => {
    queues = createQueues(testEnv().redis, `${testEnv().config.REDIS_PREFIX}_bounds`);
  });
  after(async () => {
    for (const [, q] of all()) await q.obliterate({ force: true });
    await queues.close();
  });

  it('every queue gives its jobs a bound by count and by age, read back from Redis', async () => {
    expect(all().map(([name]) => name).sort()).to.deep.equal(Object.keys(QUEUES).sort());
    for (const [name, queue] of all()) {
      await queue.add('probe', {}, { jobId: 'bounds-probe', delay: 3_600_000 });
      const job = (await queue.getJob('bounds-probe'))!; // parsed from the job's hash in Redis
      expectBounded(job.opts, name, name === 'sla' ? 'removed' : 'kept');
      await job.remove();
    }
  });

  it('every job scheduler template, and the next job it scheduled, carries the bounds', async () => {
    await ensureSchedulers({ queues, config: testEnv().config }, { force: true });
    let schedulers = 0;
    for (const [name, queue] of all()) {
      for (const s of await queue.getJobSchedulers()) {
        schedulers++;
        expectBounded(s.template?.opts ?? {}, `${name}/${s.key} template`);
        const next = (await queue.getJobs(['delayed', 'waiting', 'prioritized'])).find((j) => j.repeatJobKey === s.key);
        expectBounded(next!.opts, `${name}/${s.key} next job`);
      }
    }
    expect(schedulers).to.equal(5);
  });

  it('keeps at most its bound of completed jobs in the maintenance queue after many relay runs', async () => {
    const scratch = await scratchDatabase();
    const ctx = baseContext(undefined, undefined, scratch.db);
    const realtime = createStreamsEmitterNotifier(ctx.redis, ctx.config.REDIS_PREFIX);
    const worker = new Worker(QUEUES.maintenance, maintenanceProcessor({ ...ctx, realtime }), {
      connection: ctx.redis as unknown as ConnectionOptions, prefix: ctx.config.REDIS_PREFIX, concurrency: 4,
    });
    let done = 0;
    worker.on('completed', () => void done++);
    try {
      await ensureSchedulers(ctx, { force: true });
      // 300 runs of the relay as its scheduler makes them (25 minutes' worth at one every 5 s), without the wait.
      const { template } = (await ctx.queues.maintenance.getJobScheduler('relay-outbox'))!;
      const runs = Array.from({ length: 300 }, () => ({ name: 'relay-outbox', data: {}, opts: template!.opts }));
      await ctx.queues.maintenance.addBulk(runs);
      await until(async () => done >= 300, 90_000);
      const counts = await ctx.queues.maintenance.getJobCounts('completed', 'failed');
      expect(counts.failed).to.equal(0);
      expect(counts.completed).to.be.within(1, JOB_RETENTION.housekeeping.removeOnComplete.count);
    } finally {
      await worker.close();
      await ctx.queues.maintenance.obliterate({ force: true });
      for (const q of [ctx.queues.sla, ctx.queues.reports]) await q.obliterate({ force: true });
      await ctx.queues.close();
      await scratch.drop();
    }
  });
});
