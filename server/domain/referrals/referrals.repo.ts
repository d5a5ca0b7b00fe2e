import type { Priority, ReferralEventType, ReferralStatus, ReferralTrack, ReferralWhy } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { assertSealed } from './event-text.js';

export interface NewReferral {
  contactId: number;
  track: ReferralTrack;
  agencyId: number | null;
  priority: Priority;
  ruleId: number | null;
  targetIndex: number | null;
  why: ReferralWhy;
  previousReferralId?: number | null;
  at: Date;
}

export async function getReferralRow(db: Executor, id: number) {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof getReferralRow>>>;

export async function lockReferral(db: Executor, id: number) {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** `details` carry free text only sealed (event-text.ts: `...sealedText(crypto, { reason })`). */
export async function addEvent(db: Executor, referralId: number, type: ReferralEventType, at: Date, actorUserId: number | null, details: Record<string, unknown> = {}) {
  assertSealed(details);
  await db.insertInto('referral_events').values({ referral_id: referralId, type, at, actor_user_id: actorUserId, details: JSON.stringify(details) }).execute();
}

/** Moves a referral from one of the expected states to another; false when it was no longer in them (a lost race). */
export async function transition(
  db: Executor,
  id: number,
  from: readonly ReferralStatus[],
  set: Partial<{
    status: ReferralStatus; accepted_at: Date; first_action_at: Date; closed_at: Date; decline_reason_enc: string; outcome: 'successful' | 'not_successful';
    outcome_reason_enc: string | null; agency_id: number | null; attempt: number; why: string;
  }>,
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
