import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Executor } from './db/database.js';

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

/**
 * A re-send's job id: the row's first job id (shared/queues.ts JOB_IDS) and a fresh random suffix, so it was never
 * used before, not even by jobs Redis kept from before a database restore.
 */
export function resendJobId(firstJobId: string): string {
  return `${firstJobId}-r${randomBytes(4).toString('hex')}`;
}

/**
 * Outbox rows (not done) whose job must be sent again: missing (Redis lost it, or the enqueue failed), or finished —
 * failed for good, or completed though the row is not done (a restored database lost what the job wrote). A job
 * still waiting, delayed or running is left alone.
 */
export async function needingResend<T extends { jobId: string }>(redis: Redis, queue: Pick<Queue, 'toKey'>, rows: T[]): Promise<T[]> {
  const presence = await jobPresence(redis, queue, rows.map((r) => r.jobId));
  return rows.filter((_, i) => presence[i] !== 'open');
}

/** Records the job each outbox row was sent as (one statement for a batch). */
export async function recordJobIds(db: Executor, table: 'routing_requests' | 'notifications' | 'report_files', sent: { id: number; jobId: string }[]) {
  if (!sent.length) return;
  await sql`update ${sql.table(table)} t set job_id = v.job_id
    from unnest(${sent.map((s) => s.id)}::bigint[], ${sent.map((s) => s.jobId)}::text[]) as v(id, job_id)
    where t.id = v.id`.execute(db);
}
