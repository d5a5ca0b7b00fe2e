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

/** Producers for every queue. Job data carries ids only: Redis never holds victim data. */
export function createQueues(redis: Redis, prefix: string): Queues {
  const connection = redis as unknown as ConnectionOptions;
  const defaultJobOptions = {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false, // failed jobs stay visible until someone looks at them
  };
  const routing = new Queue<{ contactId: number }>(QUEUES.routing, { connection, prefix, defaultJobOptions });
  const notify = new Queue<{ notificationId: number }>(QUEUES.notify, { connection, prefix, defaultJobOptions });
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
  // Ticks are cheap and rebuilt by the reconciler: removed once done, so a second's id is free again.
  const sla = new Queue<{ at: number }>(QUEUES.sla, {
    connection, prefix,
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  // A report retries a few times (its failed attempts stay visible on the report row); failed jobs stay listed.
  const reports = new Queue<{ reportId?: number }>(QUEUES.reports, {
    connection, prefix,
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: false },
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
