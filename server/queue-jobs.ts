import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export type JobPresence = 'missing' | 'open' | 'finished';

/**
 * Whether each job is in Redis and whether it finished, for many ids in one round trip (a pipeline of HMGET on
 * BullMQ's job hashes) instead of a getJob per id: the outbox relays run every few seconds, and under a backlog
 * (alerts held back by the SMS rate limit) they would otherwise send hundreds of commands at once.
 */
export async function jobPresence(redis: Redis, queue: Pick<Queue, 'toKey'>, jobIds: string[]): Promise<JobPresence[]> {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hmget(queue.toKey(id), 'name', 'finishedOn');
  const results = (await pipeline.exec()) ?? [];
  return jobIds.map((_, i) => {
    const [err, fields] = results[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    const [name, finishedOn] = fields as [string | null, string | null];
    return name == null ? 'missing' : finishedOn ? 'finished' : 'open';
  });
}
