import type { Queue } from 'bullmq';
import type { ClockKind } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { pushToAgency } from './push-send.js';
import { vapidKeys } from './vapid-keys.js';

/** A push job on the notify queue: ids and the reason only; the worker reads the deadline from PostgreSQL. */
export interface PushJob {
  referralId: number;
  agencyId: number;
  /** The clock whose deadline the push gives. */
  clock: ClockKind;
  reason: 'new' | 'warning' | 'escalation';
}

export const PUSH_JOB = 'push';
const jobId = (j: PushJob) => `push-${j.reason}-${j.clock}-${j.referralId}-${j.agencyId}`;

/**
 * After the commit that created a referral, a warning or an escalation: best effort (the SMS alert is the durable
 * channel, held in the outbox), so a Redis hiccup here only loses a wake-up, logged.
 */
export async function enqueuePushes(ctx: Pick<AppContext, 'queues' | 'log'>, jobs: PushJob[]): Promise<void> {
  if (!jobs.length) return;
  // The notify queue is typed for its SMS jobs; pushes share it (same workers and rate) under their own job name.
  await (ctx.queues.notify as unknown as Queue<PushJob>)
    .addBulk(jobs.map((j) => ({ name: PUSH_JOB, data: j, opts: { jobId: jobId(j), attempts: 3, backoff: { type: 'exponential', delay: 2000 } } })))
    .catch((e) => ctx.log.warn(`push enqueue failed: ${(e as Error).message}`));
}

/** The worker's side: the case reference and the deadline, to every device of the agency's officers. */
export async function runPushJob(ctx: Pick<AppContext, 'db' | 'clock' | 'log' | 'config' | 'crypto'>, j: PushJob) {
  const vapid = await vapidKeys(ctx);
  if (!vapid) return { skipped: 'no VAPID keys' };
  const row = await ctx.db.selectFrom('referrals as r')
    .leftJoin('sla_clocks as k', (jn) => jn.onRef('k.referral_id', '=', 'r.id').on('k.kind', '=', j.clock))
    .select(['r.contact_id', 'k.due_at'])
    .where('r.id', '=', j.referralId).executeTakeFirst();
  if (!row) return { skipped: 'no such referral' };
  return pushToAgency(ctx, vapid, j.agencyId, { ref: contactRef(row.contact_id), deadline: row.due_at ? row.due_at.toISOString() : null });
}
