import { sql } from 'kysely';
import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';
import { needingResend, recordJobIds, resendJobId } from '../../queue-jobs.js';
import type { Executor } from '../../db/database.js';

/** A relay stops sending a request again after this many sends: it stays on the failed-jobs list until retried by hand. */
export const MAX_ROUTING_SENDS = 10;

type RequestRow = { id: number; contact_id: number; created_at: Date; job_id: string | null };

/** The job a request was last sent as: its first id (contact and instant of the wrap-up), or the relay's latest. */
export const routingJobId = (r: Omit<RequestRow, 'id'>) => r.job_id ?? JOB_IDS.routing(r.contact_id, r.created_at);

/**
 * A routing request (written by the wrap-up statement, see contacts/wrap-up-write.ts) gets its job twice over: at
 * once by the wrap-up (enqueueRoutingRequest, best effort) and by this scheduled relay. The relay looks at every
 * request not routed `graceMs` after it was written, or `recheckMs` after its last look, and sends it again under a
 * new job id (server/queue-jobs.ts resendJobId) when its job is missing (Redis lost it, or the wrap-up's enqueue
 * failed), failed for good, or completed though the request is not routed: a restored database lost the referrals
 * the job wrote. A job still waiting or running is left alone. Job ids never repeat across a restore (they carry the
 * wrap-up's instant), so a new case is never mistaken for an old one. The routing worker is idempotent (referrals'
 * unique indexes; it marks the request routed in its one write), so a duplicate send creates nothing twice.
 *
 * enqueued_at: the relay's last look (or when the case was routed); attempts: the relay's sends. After
 * MAX_ROUTING_SENDS the relay stops; the request shows on the supervisor's failed-jobs list (stuck-requests.ts).
 */
export async function relayRoutingRequests(
  ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, opts: { limit?: number; graceMs?: number; recheckMs?: number } = {},
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('routing_requests')
      .select(['id', 'contact_id', 'created_at', 'job_id'])
      .where('routed_at', 'is', null)
      .where('attempts', '<', MAX_ROUTING_SENDS)
      .where((eb) => eb.or([
        eb.and([eb('enqueued_at', 'is', null), eb('created_at', '<', new Date(now.getTime() - (opts.graceMs ?? 10_000)))]),
        eb('enqueued_at', '<', new Date(now.getTime() - (opts.recheckMs ?? 60_000))),
      ]))
      .orderBy('created_at')
      .limit(opts.limit ?? 500)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return 0;
    const ids = due.map((r) => r.id);
    try {
      const stale = await needingResend(ctx.redis, ctx.queues.routing, due.map((r) => ({ ...r, jobId: routingJobId(r) })));
      const sent = stale.map((r) => ({ id: r.id, contactId: r.contact_id, jobId: resendJobId(JOB_IDS.routing(r.contact_id, r.created_at)) }));
      if (sent.length) await ctx.queues.routing.addBulk(sent.map((s) => ({ name: 'route', data: { contactId: s.contactId }, opts: { jobId: s.jobId } })));
      await recordJobIds(tx, 'routing_requests', sent);
      await tx.updateTable('routing_requests').set({ enqueued_at: now, last_error: null }).where('id', 'in', ids).execute();
      if (sent.length)
        await tx.updateTable('routing_requests').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', 'in', sent.map((s) => s.id)).execute();
      return sent.length;
    } catch (err) {
      // Redis unreachable: nothing sent, nothing counted against the request; the next run tries again.
      await tx.updateTable('routing_requests').set({ last_error: String((err as Error).message).slice(0, 300) }).where('id', 'in', ids).execute();
      return 0;
    }
  });
}

/** A supervisor's retry of a request the relay gave up on (or whose job waits too long): sent once more, counted. */
export async function resendRoutingRequest(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, currentJobId: string): Promise<boolean> {
  const contactId = Number(/^route-(\d+)-/.exec(currentJobId)?.[1]);
  if (!Number.isSafeInteger(contactId)) return false;
  const r = await ctx.db.selectFrom('routing_requests').select(['id', 'contact_id', 'created_at', 'job_id']).where('contact_id', '=', contactId).where('routed_at', 'is', null).executeTakeFirst();
  if (!r || routingJobId(r) !== currentJobId) return false;
  const jobId = resendJobId(JOB_IDS.routing(r.contact_id, r.created_at));
  await ctx.queues.routing.add('route', { contactId }, { jobId });
  await ctx.db.updateTable('routing_requests').set((eb) => ({ job_id: jobId, enqueued_at: ctx.clock.now(), attempts: eb('attempts', '+', 1) })).where('id', '=', r.id).execute();
  return true;
}

/** The routing worker finished this case (in its referral transaction): the relays stop watching it. */
export async function markRouted(db: Executor, contactId: number, at: Date): Promise<void> {
  await markRoutedUpdate(contactId, at).execute(db);
}

/** The update itself, for a statement that does more (referrals/referral-write.ts runs it in a CTE). */
function markRoutedUpdate(contactId: number, at: Date) {
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
 * fails here, the scheduled relay above sends it. `requestedAt`: the wrap-up's instant (the request's created_at).
 */
export async function enqueueRoutingRequest(ctx: Pick<AppContext, 'queues'>, contactId: number, requestedAt: Date): Promise<void> {
  await ctx.queues.routing.add('route', { contactId }, { jobId: JOB_IDS.routing(contactId, requestedAt) });
}
