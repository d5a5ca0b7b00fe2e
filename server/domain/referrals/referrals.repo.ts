import type { Priority, ReferralEventType, ReferralStatus, ReferralTrack } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

export interface NewReferral {
  contactId: number;
  track: ReferralTrack;
  agencyId: number | null;
  priority: Priority;
  ruleId: number | null;
  targetIndex: number | null;
  why: { rule: string | null; target: string | null; explanation: string };
  previousReferralId?: number | null;
  at: Date;
}

/**
 * Inserts a referral unless the same contact already has one for this track and agency (a duplicate or retried
 * job), or an open one on this track: the partial unique indexes decide, so concurrent workers cannot both win.
 */
export async function insertReferral(db: Executor, r: NewReferral): Promise<number | null> {
  const row = await db
    .insertInto('referrals')
    .values({
      contact_id: r.contactId,
      track: r.track,
      agency_id: r.agencyId,
      status: r.agencyId == null ? 'needs_supervisor' : 'pending',
      priority: r.priority,
      rule_id: r.ruleId,
      target_index: r.targetIndex,
      why: JSON.stringify(r.why),
      previous_referral_id: r.previousReferralId ?? null,
      created_at: r.at,
      updated_at: r.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function getReferralRow(db: Executor, id: number) {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof getReferralRow>>>;

export async function lockReferral(db: Executor, id: number) {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addEvent(db: Executor, referralId: number, type: ReferralEventType, at: Date, actorUserId: number | null, details: Record<string, unknown> = {}) {
  await db.insertInto('referral_events').values({ referral_id: referralId, type, at, actor_user_id: actorUserId, details: JSON.stringify(details) }).execute();
}

/** Several events of one referral in one statement, in order. */
export async function addEvents(db: Executor, referralId: number, at: Date, events: { type: ReferralEventType; actorUserId: number | null; details: Record<string, unknown> }[]) {
  if (!events.length) return;
  await db.insertInto('referral_events')
    .values(events.map((e) => ({ referral_id: referralId, type: e.type, at, actor_user_id: e.actorUserId, details: JSON.stringify(e.details) })))
    .execute();
}

/** Moves a referral from one of the expected states to another; false when it was no longer in them (a lost race). */
export async function transition(
  db: Executor,
  id: number,
  from: readonly ReferralStatus[],
  set: Partial<{ status: ReferralStatus; accepted_at: Date; first_action_at: Date; closed_at: Date; decline_reason: string; outcome: 'successful' | 'not_successful'; outcome_reason: string | null; agency_id: number | null }>,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('referrals')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', from as ReferralStatus[])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Agencies that already had this contact on this track (declined, expired): a re-route skips them. */
export async function agenciesTried(db: Executor, contactId: number, track: ReferralTrack): Promise<number[]> {
  const rows = await db
    .selectFrom('referrals')
    .select('agency_id')
    .where('contact_id', '=', contactId)
    .where('track', '=', track)
    .where('agency_id', 'is not', null)
    .execute();
  return rows.map((r) => r.agency_id!);
}

export async function referralIdsForContact(db: Executor, contactId: number): Promise<number[]> {
  return (await db.selectFrom('referrals').select('id').where('contact_id', '=', contactId).orderBy('id').execute()).map((r) => r.id);
}
