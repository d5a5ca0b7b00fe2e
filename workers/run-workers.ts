import { Worker, type ConnectionOptions } from 'bullmq';
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

export interface RunningWorkers {
  close(): Promise<void>;
}

/** Starts every BullMQ worker of this process and the repeatable housekeeping schedules. */
export async function startWorkers(ctx: Omit<AppContext, 'realtime'>, opts: { sender?: SmsSender } = {}): Promise<RunningWorkers> {
  const connection = ctx.redis as unknown as ConnectionOptions;
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
    new Worker(QUEUES.maintenance, maintenanceProcessor({ ...ctx, realtime }), { connection, prefix, concurrency: 1 }),
    new Worker(QUEUES.routing, routingProcessor({ ...ctx, realtime }), { connection, prefix, concurrency: 10, ...lock }),
    new Worker(QUEUES.sla, slaProcessor({ ...ctx, realtime }), { connection, prefix, concurrency: 2, ...lock }),
    // Reports: a build and the statistics rollup refresh can run side by side.
    new Worker(QUEUES.reports, reportsProcessor(ctx), { connection, prefix, concurrency: 2, ...lock }),
    new Worker(QUEUES.notify, notifyProcessor({ ...ctx, realtime }, sender), {
      connection,
      prefix,
      concurrency: 5,
      limiter: { max: 10, duration: 1000 }, // Twilio's default sending rate per number
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => ctx.log.error(`job ${w.name}/${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${err.message}`));
    // A report whose job BullMQ gave up on (out of attempts, or stalled too often) must not look queued forever.
    if (w.name === QUEUES.reports)
      w.on('failed', (job, err) => {
        const id = Number(job?.data?.reportId);
        const final = job && (job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError');
        if (final && Number.isInteger(id) && id > 0)
          markFailed(ctx.db, id, `the report could not be built: ${err.message}`, ctx.clock.now()).catch((e) => ctx.log.error(`report ${id}: ${(e as Error).message}`));
      });
    w.on('error', (err) => ctx.log.error(`worker ${w.name}: ${err.message}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      clearInterval(watchdog);
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** Idempotent: every process upserts the same scheduler ids, so there is one schedule however many workers run. */
export async function ensureSchedulers(ctx: Pick<AppContext, 'queues' | 'config'>, opts: { force?: boolean } = {}) {
  const { maintenance, sla } = ctx.queues;
  const want: [typeof maintenance, string, number][] = [
    [maintenance, 'purge-expired-sessions', 15 * 60_000],
    // Recordings past RECORDING_RETENTION_DAYS are deleted at Twilio.
    [maintenance, 'delete-old-recordings', 6 * 60 * 60_000],
    // The outbox relay: routing requests and notifications that were recorded but not (or no longer) queued.
    [maintenance, 'relay-outbox', 5_000],
    // SLA: fire missed deadlines and rebuild lost timers from PostgreSQL.
    [sla as unknown as typeof maintenance, 'reconcile', ctx.config.SLA_RECONCILE_SECONDS * 1000],
    // Statistics: fold the contacts changed since the last refresh into the rollups behind the tables.
    [ctx.queues.reports as unknown as typeof maintenance, 'refresh-rollup', 10_000],
  ];
  for (const [queue, id, every] of want) {
    if (!opts.force && (await queue.getJobScheduler(id))) continue;
    await queue.upsertJobScheduler(id, { every }, { name: id });
  }
}
