import { sql } from 'kysely';
import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';
import { jobPresence } from '../../queue-jobs.js';
import type { Executor } from '../../db/database.js';

/**
 * A routing request (written by the wrap-up statement, see contacts/wrap-up-write.ts) gets its job twice over: at
 * once by the wrap-up (enqueueRoutingRequest, best effort) and, should that have failed, by this scheduled relay,
 * which sends every request neither routed nor relayed after `graceMs` (job data: the contact id only). So a
 * request survives a crash or a Redis outage between the commit and the job. Deterministic job ids make a double
 * send harmless: a job still waiting, running or failed is not added again.
 *
 * enqueued_at: when the relay sent the job, or when the case was routed (the wrap-up's own send is not recorded:
 * one write fewer per case, and routed_at follows within milliseconds).
 */
export async function relayRoutingRequests(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, opts: { limit?: number; graceMs?: number } = {}) {
  const before = new Date(ctx.clock.now().getTime() - (opts.graceMs ?? 10_000));
  return ctx.db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom('routing_requests')
      .select(['id', 'contact_id'])
      .where('enqueued_at', 'is', null)
      .where('routed_at', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(opts.limit ?? 500)
      .forUpdate()
      .skipLocked()
      .execute();
    if (pending.length === 0) return 0;
    try {
      await ctx.queues.routing.addBulk(
        pending.map((p) => ({ name: 'route', data: { contactId: p.contact_id }, opts: { jobId: JOB_IDS.routing(p.contact_id) } })),
      );
    } catch (err) {
      await tx
        .updateTable('routing_requests')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: String((err as Error).message).slice(0, 300) }))
        .where('id', 'in', pending.map((p) => p.id))
        .execute();
      return 0;
    }
    await tx
      .updateTable('routing_requests')
      .set((eb) => ({ enqueued_at: ctx.clock.now(), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', pending.map((p) => p.id))
      .execute();
    return pending.length;
  });
}

/**
 * Requests that were enqueued but never routed, whose job Redis no longer has (Redis here keeps nothing on disk:
 * a restart loses every waiting job). Sent again under the same deterministic id; a job that still exists (waiting,
 * running, or failed and on the supervisor's desk) is left alone.
 */
export async function relayLostRoutingJobs(ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, olderThanMs = 60_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('routing_requests')
    .select('contact_id')
    .where('routed_at', 'is', null)
    .where('enqueued_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('enqueued_at')
    .limit(500)
    .execute();
  const presence = await jobPresence(ctx.redis, ctx.queues.routing, rows.map((r) => JOB_IDS.routing(r.contact_id)));
  const lost = rows.filter((_, i) => presence[i] === 'missing').map((r) => r.contact_id);
  if (lost.length)
    await ctx.queues.routing.addBulk(lost.map((id) => ({ name: 'route', data: { contactId: id }, opts: { jobId: JOB_IDS.routing(id) } })));
  return lost.length;
}

/** The routing worker finished this case (in its referral transaction): the relays stop watching it. */
export async function markRouted(db: Executor, contactId: number, at: Date): Promise<void> {
  await markRoutedUpdate(contactId, at).execute(db);
}

/** The update itself, for a statement that does more (referrals/referral-write.ts runs it in a CTE). */
export function markRoutedUpdate(contactId: number, at: Date) {
  return sql`update routing_requests set routed_at = ${at}, enqueued_at = coalesce(enqueued_at, ${at})
    where contact_id = ${contactId} and routed_at is null`;
}

/** Requests not routed yet (their job waiting, running, failed, or not sent). */
export async function pendingRoutingCount(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from routing_requests where routed_at is null`.execute(db);
  return r.rows[0]!.n;
}

/**
 * The fast path right after a wrap-up: the job, nothing written (no locking scan, no second statement). If Redis
 * fails here, the scheduled relay above sends it.
 */
export async function enqueueRoutingRequest(ctx: Pick<AppContext, 'queues'>, contactId: number): Promise<void> {
  await ctx.queues.routing.add('route', { contactId }, { jobId: JOB_IDS.routing(contactId) });
}
