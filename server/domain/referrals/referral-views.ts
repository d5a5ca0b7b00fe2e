import { sql, type RawBuilder } from 'kysely';
import type {
  AgeBand, ReferralDetail, ReferralDisclosure, ReferralEvent, ReferralStatus, ReferralSummary, SessionUser, SupportRecord, TrackAttempt, VictimSex,
} from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { clocksJson, toClockView } from '../sla/clock-views.js';
import { placeNowSql } from '../units/unit-cover.js';

function summaryQuery(db: Executor) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('admin_units as u', 'u.id', 'c.location_unit_id')
    .select([
      'r.id', 'r.contact_id', 'r.track', 'r.status', 'r.priority', 'r.agency_id', 'a.name as agency_name', 'r.why', 'r.attempt',
      'r.created_at', 'r.accepted_at', 'r.first_action_at', 'r.closed_at', 'r.outcome', 'r.decline_reason', 'r.outcome_reason',
      'c.classification', 'c.purposes', 'c.immediate_danger', 'c.location_kind', 'c.location_country', 'u.path as unit_name',
      'c.needs', 'c.wishes', 'c.consent',
    ])
    .select(() => [victimsJson(sql.ref('c.id')).as('victims'), clocksJson(sql.ref('r.id')).as('clocks'), placeNowSql(sql.ref('u.id')).as('unit_now')]);
}
/** A referral summary's row: what summaryQuery selects (and referral-write.ts returns for a new referral). */
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;
type Row = SummaryRow;

/** The contact's victims as the summary shows them (sex, age band, under 18), in order; for a correlated subquery. */
export function victimsJson(contactId: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  return sql<{ sex: VictimSex; age_band: AgeBand | null; under18: boolean | null }[]>`(
    select coalesce(json_agg(json_build_object('sex', v.sex, 'age_band', v.age_band, 'under18', v.under18) order by v.position), '[]')
    from contact_victims v where v.contact_id = ${contactId})`;
}
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** What any agency may see: location, urgency, purposes, how many victims and their age bands. No identity. */
export function toSummary(r: Row): ReferralSummary {
  const victims = r.victims ?? [];
  return {
    id: r.id,
    contactRef: contactRef(r.contact_id),
    track: r.track,
    status: r.status,
    priority: r.priority,
    agency: r.agency_id != null ? { id: r.agency_id, name: r.agency_name ?? '' } : null,
    classification: r.classification!,
    purposes: r.purposes as ReferralSummary['purposes'],
    immediateDanger: r.immediate_danger,
    location: { kind: r.location_kind, label: r.unit_name, now: r.unit_now ?? null, country: r.location_country },
    victims: {
      count: victims.length,
      ageBands: [...new Set(victims.map((v) => v.age_band ?? 'unknown'))] as AgeBand[],
      sexes: [...new Set(victims.map((v) => v.sex))],
      children: victims.filter((v) => v.under18).length,
    },
    needs: r.needs as ReferralSummary['needs'],
    wishes: (r.wishes as ReferralSummary['wishes']) ?? null,
    consent: r.consent,
    why: r.why,
    attempt: r.attempt,
    createdAt: iso(r.created_at)!,
    acceptedAt: iso(r.accepted_at),
    firstActionAt: iso(r.first_action_at),
    closedAt: iso(r.closed_at),
    outcome: r.outcome,
    clocks: (r.clocks ?? []).map(toClockView),
  };
}

/** Agency officers only ever get their own agency's referrals: the filter is in the query itself. */
function scoped(db: Executor, viewer: SessionUser) {
  const q = summaryQuery(db);
  if (viewer.role === 'agency_officer') return q.where('r.agency_id', '=', viewer.agencyId ?? -1);
  return q;
}

export async function listReferrals(db: Executor, viewer: SessionUser, f: { status?: ReferralStatus[]; track?: string } = {}) {
  let q = scoped(db, viewer).orderBy('r.created_at', 'desc').limit(500);
  if (f.status?.length) q = q.where('r.status', 'in', f.status);
  if (f.track) q = q.where('r.track', '=', f.track as never);
  return (await q.execute()).map(toSummary);
}

export async function getReferralSummary(db: Executor, id: number, viewer?: SessionUser): Promise<ReferralSummary | null> {
  const q = viewer ? scoped(db, viewer) : summaryQuery(db);
  const r = await q.where('r.id', '=', id).executeTakeFirst();
  return r ? toSummary(r) : null;
}

/**
 * The consent gate (Art. 3.10): identity, phone and narrative reach an agency only with the victim's or legal
 * representative's consent and after it accepted; police acting on immediate danger get them to act at once.
 * The hotline itself (operators, supervisors) holds the record.
 */
export function disclosureDecision(viewer: SessionUser, s: ReferralSummary): ReferralDetail['disclosureWithheld'] | 'disclose' {
  if (viewer.role === 'operator' || viewer.role === 'supervisor') return 'disclose';
  if (s.track === 'police' && s.immediateDanger) return 'disclose';
  if (s.consent === 'none') return 'no_consent';
  if (!['accepted', 'in_progress', 'closed'].includes(s.status)) return 'not_accepted';
  return 'disclose';
}

async function disclosureOf(db: Executor, crypto: FieldCrypto, contactId: number): Promise<ReferralDisclosure> {
  const c = await db.selectFrom('contacts').select(['caller_phone_enc', 'narrative_enc', 'wishes_note_enc']).where('id', '=', contactId).executeTakeFirstOrThrow();
  const victims = await db.selectFrom('contact_victims').selectAll().where('contact_id', '=', contactId).orderBy('position').execute();
  return {
    callerPhone: crypto.decryptNullable(c.caller_phone_enc),
    narrative: crypto.decryptNullable(c.narrative_enc) ?? '',
    wishesNote: crypto.decryptNullable(c.wishes_note_enc),
    victims: victims.map((v) => ({
      sex: v.sex as VictimSex, age: v.age, ageBand: v.age_band as AgeBand | null, ethnicity: v.ethnicity, nationality: v.nationality, under18: v.under18,
    })),
  };
}

export async function referralDetail(db: Executor, crypto: FieldCrypto, id: number, viewer: SessionUser): Promise<ReferralDetail | null> {
  const row = await scoped(db, viewer).where('r.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const s = toSummary(row);
  const decision = disclosureDecision(viewer, s);
  const hotline = viewer.role === 'operator' || viewer.role === 'supervisor';
  const [support, timeline, attempts] = await Promise.all([
    supportOf(db, crypto, id), hotline ? timelineOf(db, id) : null, hotline ? attemptsOf(db, row.contact_id, row.track) : null,
  ]);
  return {
    ...s,
    disclosure: decision === 'disclose' ? await disclosureOf(db, crypto, row.contact_id) : null,
    disclosureWithheld: decision === 'disclose' ? null : decision,
    declineReason: row.decline_reason,
    outcomeReason: row.outcome_reason,
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

async function supportOf(db: Executor, crypto: FieldCrypto, referralId: number): Promise<SupportRecord[]> {
  const rows = await db
    .selectFrom('referral_support as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.regime', 's.given_on', 's.note_enc', 'u.display_name'])
    .where('s.referral_id', '=', referralId)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ id: r.id, regime: r.regime, givenOn: r.given_on, note: crypto.decryptNullable(r.note_enc) ?? '', recordedBy: r.display_name }));
}

/** Every event of the contact's referrals on every track (the hotline's view of what happened, who, when). */
export async function timelineOf(db: Executor, referralId: number): Promise<ReferralEvent[]> {
  const rows = await db
    .selectFrom('referral_events as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.type', 'e.details', 'u.display_name', 'r.track'])
    .where('r.contact_id', '=', (eb) => eb.selectFrom('referrals').select('contact_id').where('id', '=', referralId))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: iso(r.at)!, type: r.type, actor: r.display_name, details: { ...r.details, track: r.track } }));
}
