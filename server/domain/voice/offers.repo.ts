import { sql } from 'kysely';
import type { CallOfferState } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

export interface OfferRow {
  id: number;
  contact_id: number;
  operator_id: number;
  expires_at: Date;
}

/**
 * Pairs waiting calls with available operators in one statement: the oldest waiting call goes to the operator idle
 * longest, the next to the next. Both sides are locked with SKIP LOCKED, so two servers (or a server and the sweeper)
 * dispatching at once never pair the same call or operator; the unique indexes on ringing offers (one per call, one
 * per operator) are the last guard. A call waits while it is queued, unclaimed and not ended.
 */
export async function pairCallsWithOperators(db: Executor, at: Date, ringSeconds: number, max = 50): Promise<OfferRow[]> {
  const expires = new Date(at.getTime() + ringSeconds * 1000);
  const r = await sql<OfferRow>`
    with calls as (
      select c.id, c.received_at from contacts c
       where c.channel = 'voice' and c.status = 'queued' and c.claimed_by is null and c.ended_at is null
         and not exists (select 1 from call_offers o where o.contact_id = c.id and o.state = 'ringing')
       order by c.received_at, c.id limit ${max}
       for update of c skip locked
    ), ops as (
      select s.user_id, s.available_since from operator_status s
       where s.status = 'available'
         and not exists (select 1 from call_offers o where o.operator_id = s.user_id and o.state = 'ringing')
       order by s.available_since, s.user_id limit ${max}
       for update of s skip locked
    ), pairs as (
      select c.id as contact_id, o.user_id as operator_id
        from (select id, row_number() over (order by received_at, id) as n from calls) c
        join (select user_id, row_number() over (order by available_since, user_id) as n from ops) o using (n)
    )
    insert into call_offers (contact_id, operator_id, offered_at, expires_at)
    select contact_id, operator_id, ${at}, ${expires} from pairs
    on conflict do nothing
    returning id, contact_id, operator_id, expires_at`.execute(db);
  return r.rows;
}

export interface EndedOffer extends OfferRow {
  state: CallOfferState;
}

/** Ends the ringing offers that match (by offer, contact or operator), returning them. */
export async function endOffers(
  db: Executor, where: { offerId?: number; contactId?: number; operatorId?: number; overdueAt?: Date }, state: Exclude<CallOfferState, 'ringing'>, at: Date,
): Promise<EndedOffer[]> {
  let q = db.updateTable('call_offers').set({ state, ended_at: at }).where('state', '=', 'ringing');
  if (where.offerId != null) q = q.where('id', '=', where.offerId);
  if (where.contactId != null) q = q.where('contact_id', '=', where.contactId);
  if (where.operatorId != null) q = q.where('operator_id', '=', where.operatorId);
  if (where.overdueAt) q = q.where('expires_at', '<=', where.overdueAt);
  return (await q.returning(['id', 'contact_id', 'operator_id', 'expires_at', 'state']).execute()) as EndedOffer[];
}

export async function lockOffer(db: Executor, offerId: number) {
  return db.selectFrom('call_offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
}

/** The ringing offer an operator has now, if any (a console that reconnects shows it again). */
export async function ringingOfferOf(db: Executor, operatorId: number) {
  return db.selectFrom('call_offers').select(['id', 'contact_id', 'operator_id', 'expires_at']).where('operator_id', '=', operatorId)
    .where('state', '=', 'ringing').executeTakeFirst();
}

/** Operators whose last `n` offers all rang out: they are not at their desk. */
export async function missedInARow(db: Executor, operatorId: number, n: number): Promise<boolean> {
  const rows = await db.selectFrom('call_offers').select('state').where('operator_id', '=', operatorId).orderBy('id', 'desc').limit(n).execute();
  return rows.length === n && rows.every((r) => r.state === 'expired');
}
