import type { AgeBand, ReferralDetail, ReferralDisclosure, ReferralEvent, ReferralSummary, SessionUser, SupportRecord, TrackAttempt, VictimSex } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import type { TextReader } from '../disclosure/disclosure.js';
import { openedText } from './event-text.js';
import { scopedReferrals, viewRow } from './referral-views.js';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

async function disclosureOf(db: Executor, crypto: FieldCrypto, contactId: number): Promise<ReferralDisclosure> {
  const c = await db.selectFrom('contacts').select(['caller_phone_enc', 'narrative_enc', 'wishes_note_enc']).where('id', '=', contactId).executeTakeFirstOrThrow();
  const victims = await db.selectFrom('contact_victims').selectAll().where('contact_id', '=', contactId).orderBy('position').execute();
  return {
    callerPhone: crypto.decryptNullable(c.caller_phone_enc),
    narrative: crypto.decryptNullable(c.narrative_enc) ?? '',
    wishesNote: crypto.decryptNullable(c.wishes_note_enc),
    victims: victims.map((v) => ({
      name: crypto.decryptNullable(v.name_enc), sex: v.sex as VictimSex, age: v.age, ageBand: v.age_band as AgeBand | null, ethnicity: v.ethnicity, nationality: v.nationality, under18: v.under18,
    })),
  };
}

/**
 * A referral as this viewer may see it (null when it is not theirs to read): identity and free text as the
 * disclosure decision allows (disclosure.ts), the timeline and earlier attempts for the hotline only.
 */
export async function referralDetail(db: Executor, crypto: FieldCrypto, id: number, viewer: SessionUser): Promise<ReferralDetail | null> {
  const row = await scopedReferrals(db, viewer).where('r.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const { decision, text, summary } = viewRow(crypto, viewer, row);
  const hotline = viewer.role === 'operator' || viewer.role === 'supervisor';
  const [support, timeline, attempts] = await Promise.all([
    supportOf(db, text, id, row.agency_id),
    hotline ? timelineOf(db, crypto, id, decision === 'disclose') : newInformationOf(db, crypto, id, decision === 'disclose'),
    hotline ? attemptsOf(db, row.contact_id, row.track) : null,
  ]);
  return {
    ...summary,
    disclosure: decision === 'disclose' ? await disclosureOf(db, crypto, row.contact_id) : null,
    disclosureWithheld: decision === 'disclose' ? null : decision,
    // Only the referral's own agency declines or closes it: its officers read what they wrote.
    declineReason: text.read(row.decline_reason_enc, row.agency_id),
    outcomeReason: text.read(row.outcome_reason_enc, row.agency_id),
    support,
    timeline,
    attempts,
  };
}

/** Every agency that had the contact on this track, oldest first (what a supervisor's assign form lists as tried). */
async function attemptsOf(db: Executor, contactId: number, track: ReferralSummary['track']): Promise<TrackAttempt[]> {
  const rows = await db
    .selectFrom('referrals as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'a.name', 'r.status', 'r.attempt', 'r.created_at'])
    .where('r.contact_id', '=', contactId)
    .where('r.track', '=', track)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ referralId: r.id, agency: { id: r.agency_id!, name: r.name }, status: r.status, attempt: r.attempt, createdAt: iso(r.created_at)! }));
}

/** Support is recorded by the referral's agency only: its notes are that agency's words. */
async function supportOf(db: Executor, text: TextReader, referralId: number, agencyId: number | null): Promise<SupportRecord[]> {
  const rows = await db
    .selectFrom('referral_support as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.regime', 's.given_on', 's.note_enc', 'u.display_name'])
    .where('s.referral_id', '=', referralId)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ id: r.id, regime: r.regime, givenOn: r.given_on, note: text.read(r.note_enc, agencyId) ?? '', recordedBy: r.display_name }));
}

/** Every event of the contact's referrals on every track (the hotline's view of what happened, who, when). */
export async function timelineOf(db: Executor, crypto: FieldCrypto, referralId: number, showText: boolean): Promise<ReferralEvent[]> {
  const rows = await db
    .selectFrom('referral_events as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.type', 'e.details', 'u.display_name', 'r.track'])
    .where('r.contact_id', '=', (eb) => eb.selectFrom('referrals').select('contact_id').where('id', '=', referralId))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: iso(r.at)!, type: r.type, actor: r.display_name, details: { ...openedText(crypto, r.details, showText), track: r.track } }));
}

/**
 * What an agency reads on its own referral's timeline: the case's follow-ups (issue 17), their text only when the
 * disclosure decision shows the case (consent, as for the narrative).
 */
async function newInformationOf(db: Executor, crypto: FieldCrypto, referralId: number, showText: boolean): Promise<ReferralEvent[]> {
  const rows = await db
    .selectFrom('referral_events as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .select(['e.id', 'e.at', 'e.type', 'e.details', 'r.track'])
    .where('e.referral_id', '=', referralId)
    .where('e.type', '=', 'new_information')
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: iso(r.at)!, type: r.type, actor: null, details: { ...openedText(crypto, r.details, showText), track: r.track } }));
}
