import { Queue, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../shared/queues.js';

export interface Queues {
  routing: Queue<{ contactId: number }>;
  notify: Queue<{ notificationId: number }>;
  maintenance: Queue;
  sla: Queue<{ at: number }>;
  reports: Queue<{ reportId?: number }>;
  close(): Promise<void>;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * How long Redis keeps finished jobs (issue 16: Redis is persisted with `noeviction`, so nothing may grow without
 * bound). Every queue and every scheduler template carries both, by count and by age (seconds).
 * - Completed: only for looking back a little. The outbox relays do not rely on them: a routing request, a
 *   notification or a report is done when PostgreSQL says so, and job ids never repeat (shared/queues.ts).
 *   The housekeeping schedules run every few seconds (the relay every 5 s, 17k a day): they keep the last 100, an hour.
 * - Failed: they are the supervisor's failed-jobs list, so they stay two weeks (past a holiday weekend and a week's
 *   leave), at most 10k per queue (a storm of failures cannot fill Redis; the outbox rows in PostgreSQL keep the
 *   truth, and a request stuck that long is listed from PostgreSQL anyway: supervisor/stuck-requests.ts).
 */
export const JOB_RETENTION = {
  work: { removeOnComplete: { age: DAY, count: 10_000 }, removeOnFail: { age: 14 * DAY, count: 10_000 } },
  reports: { removeOnComplete: { age: HOUR, count: 1000 }, removeOnFail: { age: 14 * DAY, count: 1000 } },
  housekeeping: { removeOnComplete: { age: HOUR, count: 100 }, removeOnFail: { age: 14 * DAY, count: 1000 } },
  // SLA ticks are cheap and rebuilt by the reconciler: removed once done, so a second's id is free again.
  slaTicks: { removeOnComplete: true, removeOnFail: { age: 14 * DAY, count: 10_000 } },
} as const;

/** Producers for every queue. Job data carries ids only: Redis never holds victim data. */
export function createQueues(redis: Redis, prefix: string): Queues {
  const connection = redis as unknown as ConnectionOptions;
  const defaultJobOptions = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, ...JOB_RETENTION.work };
  const routing = new Queue<{ contactId: number }>(QUEUES.routing, { connection, prefix, defaultJobOptions });
  const notify = new Queue<{ notificationId: number }>(QUEUES.notify, { connection, prefix, defaultJobOptions });
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix, defaultJobOptions: JOB_RETENTION.housekeeping });
  const sla = new Queue<{ at: number }>(QUEUES.sla, {
    connection, prefix,
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, ...JOB_RETENTION.slaTicks },
  });
  // A report retries a few times (its failed attempts stay visible on the report row).
  const reports = new Queue<{ reportId?: number }>(QUEUES.reports, {
    connection, prefix,
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...JOB_RETENTION.reports },
  });
  // Without a listener BullMQ prints every refused reconnection; the client reconnects on its own, /readyz reports it.
  for (const q of [routing, notify, maintenance, sla, reports]) q.on('error', () => {});
  return {
    routing,
    notify,
    maintenance,
    sla,
    reports,
    close: async () => {
      await Promise.all([routing.close(), notify.close(), maintenance.close(), sla.close(), reports.close()]);
    },
  };
}
