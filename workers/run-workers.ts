import { Worker, type ConnectionOptions } from 'bullmq';
import { QUEUES } from '../shared/queues.js';
import type { AppContext } from '../server/app-context.js';
import { maintenanceProcessor } from './processors/maintenance.js';
import { notifyProcessor } from './processors/notify.js';
import { routingProcessor } from './processors/routing.js';
import { createSmsSender, type SmsSender } from '../server/domain/notifications/sms-sender.js';
import { createStreamsEmitterNotifier } from '../server/realtime/publisher.js';

export interface RunningWorkers {
  close(): Promise<void>;
}

/** Starts every BullMQ worker of this process and the repeatable housekeeping schedules. */
export async function startWorkers(ctx: Omit<AppContext, 'realtime'>, opts: { sender?: SmsSender } = {}): Promise<RunningWorkers> {
  const connection = ctx.redis as unknown as ConnectionOptions;
  const prefix = ctx.config.REDIS_PREFIX;

  const { maintenance } = ctx.queues;
  // Idempotent: every process upserts the same scheduler id, so there is one schedule however many workers run.
  await maintenance.upsertJobScheduler('purge-expired-sessions', { every: 15 * 60_000 }, { name: 'purge-expired-sessions' });
  // The outbox relay: routing requests and notifications that were recorded but not (or no longer) queued.
  await maintenance.upsertJobScheduler('relay-outbox', { every: 5_000 }, { name: 'relay-outbox' });

  const sender = opts.sender ?? createSmsSender(ctx.config);
  // How soon a job held by a worker that died is noticed and retried (BullMQ's stalled-job check).
  const lock = { lockDuration: ctx.config.JOB_LOCK_SECONDS * 1000, stalledInterval: ctx.config.JOB_LOCK_SECONDS * 1000 };
  const realtime = createStreamsEmitterNotifier(ctx.redis, prefix);
  const workers = [
    new Worker(QUEUES.maintenance, maintenanceProcessor(ctx), { connection, prefix, concurrency: 1 }),
    new Worker(QUEUES.routing, routingProcessor({ ...ctx, realtime }), { connection, prefix, concurrency: 10, ...lock }),
    new Worker(QUEUES.notify, notifyProcessor({ ...ctx, realtime }, sender), {
      connection,
      prefix,
      concurrency: 5,
      limiter: { max: 10, duration: 1000 }, // Twilio's default sending rate per number
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => ctx.log.error(`job ${w.name}/${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${err.message}`));
    w.on('error', (err) => ctx.log.error(`worker ${w.name}: ${err.message}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
