import { sql } from 'kysely';
import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';

/** Written in the wrap-up transaction: the promise that this contact will be routed, whatever happens next. */
export async function recordRoutingRequest(tx: Executor, contactId: number, at: Date): Promise<void> {
  await tx
    .insertInto('routing_requests')
    .values({ contact_id: contactId, created_at: at })
    .onConflict((oc) => oc.column('contact_id').doNothing())
    .execute();
}

/**
 * Relays pending routing requests to the routing queue (job data: the contact id only). Runs right after a
 * wrap-up commits and on a schedule, so a request survives a crash or a Redis outage between the two.
 * Deterministic job ids make a double relay harmless.
 */
export async function relayRoutingRequests(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, opts: { contactId?: number; limit?: number } = {}) {
  return ctx.db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('routing_requests')
      .select(['id', 'contact_id'])
      .where('enqueued_at', 'is', null)
      .orderBy('created_at')
      .limit(opts.limit ?? 500)
      .forUpdate()
      .skipLocked();
    if (opts.contactId != null) q = q.where('contact_id', '=', opts.contactId);
    const pending = await q.execute();
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
export async function relayLostRoutingJobs(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, olderThanMs = 60_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('routing_requests')
    .select('contact_id')
    .where('routed_at', 'is', null)
    .where('enqueued_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('enqueued_at')
    .limit(500)
    .execute();
  const lost: number[] = [];
  for (const { contact_id } of rows) if (!(await ctx.queues.routing.getJob(JOB_IDS.routing(contact_id)))) lost.push(contact_id);
  if (lost.length)
    await ctx.queues.routing.addBulk(lost.map((id) => ({ name: 'route', data: { contactId: id }, opts: { jobId: JOB_IDS.routing(id) } })));
  return lost.length;
}

/** The routing worker finished this case: the relay stops watching its job. */
export async function markRouted(db: Executor, contactId: number, at: Date): Promise<void> {
  await db.updateTable('routing_requests').set({ routed_at: at }).where('contact_id', '=', contactId).where('routed_at', 'is', null).execute();
}

export async function pendingRoutingCount(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from routing_requests where enqueued_at is null`.execute(db);
  return r.rows[0]!.n;
}

/**
 * The fast path right after a wrap-up commits: one job, one update (no locking scan). If Redis fails here, the
 * request stays unenqueued in PostgreSQL and the scheduled relay above sends it.
 */
export async function enqueueRoutingRequest(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, contactId: number): Promise<void> {
  await ctx.queues.routing.add('route', { contactId }, { jobId: JOB_IDS.routing(contactId) });
  await ctx.db
    .updateTable('routing_requests')
    .set((eb) => ({ enqueued_at: ctx.clock.now(), attempts: eb('attempts', '+', 1) }))
    .where('contact_id', '=', contactId)
    .where('enqueued_at', 'is', null)
    .execute();
}
