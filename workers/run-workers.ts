import { Worker, type ConnectionOptions, type Job, type JobSchedulerTemplateOptions, type Queue } from 'bullmq';
import { JOB_RETENTION } from '../server/queues.js';
import { QUEUES } from '../shared/queues.js';
import type { AppContext } from '../server/app-context.js';
import { maintenanceProcessor } from './processors/maintenance.js';
import { notifyProcessor } from './processors/notify.js';
import { routingProcessor } from './processors/routing.js';
import { slaProcessor } from './processors/sla.js';
import { reportsProcessor } from './processors/reports.js';
import { markFailed } from '../server/domain/reports/reports.repo.js';
import { createSmsSender, type SmsSender } from '../server/domain/notifications/sms-sender.js';
import { createStreamsEmitterNotifier } from '../server/realtime/publisher.js';
import { waitingRedis } from '../server/bootstrap/redis-clients.js';
import { inJobLogContext } from './job-log.js';

export interface RunningWorkers {
  close(): Promise<void>;
}

/** Starts every BullMQ worker of this process and the repeatable housekeeping schedules. */
export async function startWorkers(ctx: Omit<AppContext, 'realtime'>, opts: { sender?: SmsSender } = {}): Promise<RunningWorkers> {
  // Workers block on Redis and must wait across its outages: a connection of their own (ctx.redis fails fast).
  const workerRedis = waitingRedis(ctx.redis);
  const connection = workerRedis as unknown as ConnectionOptions;
  const prefix = ctx.config.REDIS_PREFIX;

  await ensureSchedulers(ctx, { force: true });
  // Redis here keeps nothing on disk: if it restarts empty, the schedules (and the SLA reconciler with them) are
  // gone. Every worker process checks them on this interval and puts them back.
  const watchdog = setInterval(() => {
    ensureSchedulers(ctx).catch((e) => ctx.log.warn(`schedules not checked: ${(e as Error).message}`));
  }, ctx.config.SLA_RECONCILE_SECONDS * 1000);
  watchdog.unref();

  const sender = opts.sender ?? createSmsSender(ctx.config);
  // How soon a job held by a worker that died is noticed and retried (BullMQ's stalled-job check).
  const lock = { lockDuration: ctx.config.JOB_LOCK_SECONDS * 1000, stalledInterval: ctx.config.JOB_LOCK_SECONDS * 1000 };
  const realtime = createStreamsEmitterNotifier(ctx.redis, prefix);
  const workers = [
    new Worker(QUEUES.maintenance, inJobLogContext(maintenanceProcessor({ ...ctx, realtime })), { connection, prefix, concurrency: 1 }),
    new Worker(QUEUES.routing, inJobLogContext(routingProcessor({ ...ctx, realtime })), { connection, prefix, concurrency: 10, ...lock }),
    new Worker(QUEUES.sla, inJobLogContext(slaProcessor({ ...ctx, realtime })), { connection, prefix, concurrency: 2, ...lock }),
    // Reports: a build and the statistics rollup refresh can run side by side.
    new Worker(QUEUES.reports, inJobLogContext(reportsProcessor(ctx)), { connection, prefix, concurrency: 2, ...lock }),
    new Worker(QUEUES.notify, inJobLogContext(notifyProcessor({ ...ctx, realtime }, sender)), {
      connection,
      prefix,
      concurrency: 5,
      limiter: { max: 10, duration: 1000 }, // Twilio's default sending rate per number
    }),
  ];
  for (const w of workers) {
    const jobLog = (job: Job | undefined) => ctx.log.child({ queue: w.name, jobId: job?.id ?? null, job: job?.name ?? null });
    w.on('failed', (job, err) => jobLog(job).error({ attemptsMade: job?.attemptsMade ?? 0 }, `job failed: ${err.message}`));
    // A report whose job BullMQ gave up on (out of attempts, or stalled too often) must not look queued forever.
    if (w.name === QUEUES.reports)
      w.on('failed', (job, err) => {
        const id = Number(job?.data?.reportId);
        const final = job && (job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError');
        if (final && Number.isInteger(id) && id > 0)
          markFailed(ctx.db, id, `the report could not be built: ${err.message}`, ctx.clock.now()).catch((e) => jobLog(job).error({ reportId: id }, (e as Error).message));
      });
    w.on('error', (err) => ctx.log.error({ queue: w.name }, `worker: ${err.message}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      clearInterval(watchdog);
      await Promise.all(workers.map((w) => w.close()));
      workerRedis.disconnect();
    },
  };
}

/**
 * Idempotent: every process upserts the same scheduler ids, so there is one schedule however many workers run. Each
 * template carries its retention (server/queues.ts JOB_RETENTION): a schedule that fires every few seconds would
 * otherwise keep every run in Redis.
 */
export async function ensureSchedulers(ctx: Pick<AppContext, 'queues' | 'config'>, opts: { force?: boolean } = {}) {
  const { maintenance, sla, reports } = ctx.queues;
  const { housekeeping } = JOB_RETENTION;
  const want: [Queue, string, number, JobSchedulerTemplateOptions][] = [
    [maintenance, 'purge-expired-sessions', 15 * 60_000, housekeeping],
    // Recordings past RECORDING_RETENTION_DAYS are deleted at Twilio.
    [maintenance, 'delete-old-recordings', 6 * 60 * 60_000, housekeeping],
    // The outbox relay: routing requests, notifications and reports that were recorded but not (or no longer) queued.
    [maintenance, 'relay-outbox', 5_000, housekeeping],
    // SLA: fire missed deadlines and rebuild lost timers from PostgreSQL.
    [sla as Queue, 'reconcile', ctx.config.SLA_RECONCILE_SECONDS * 1000, housekeeping],
    // Statistics: fold the contacts changed since the last refresh into the rollups behind the tables. Every 2 s:
    // small folds (about 200 contacts at 100 cases/s) instead of one every 10 s, whose CPU burst stalled intake
    // (bench:routing at 100/s, p99 361 → 152 ms).
    [reports as Queue, 'refresh-rollup', 2_000, housekeeping],
  ];
  for (const [queue, id, every, retention] of want) {
    if (!opts.force && (await queue.getJobScheduler(id))) continue;
    await queue.upsertJobScheduler(id, { every }, { name: id, opts: { ...retention } });
  }
}
