import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { AgeBand, Priority, ReferralStatus, ReferralSummary, ReferralTrack, SessionUser, VictimSex } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { DB as Database, ReferralsTable } from '../../db/schema.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { decide, NO_TEXT, textReader, type CaseFacts, type Decision, type TextReader } from '../disclosure/disclosure.js';
import { grantedSql, handlerSql } from '../disclosure/grants.js';
import { clocksJson, toClockView } from '../sla/clock-views.js';
import { placeChainSql, placeNowSql } from '../units/unit-cover.js';

function summaryQuery(db: Executor) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('admin_units as u', 'u.id', 'c.location_unit_id')
    .select([
      'r.id', 'r.contact_id', 'r.track', 'r.status', 'r.priority', 'r.agency_id', 'a.name as agency_name', 'r.why', 'r.attempt',
      'r.created_at', 'r.accepted_at', 'r.first_action_at', 'r.closed_at', 'r.outcome', 'r.decline_reason_enc', 'r.outcome_reason_enc',
      'c.classification', 'c.purposes', 'c.immediate_danger', 'c.location_kind', 'c.location_country', 'u.path as unit_name',
      'c.needs', 'c.wishes', 'c.consent',
    ])
    .select(() => [victimsJson(sql.ref('c.id')).as('victims'), clocksJson(sql.ref('r.id')).as('clocks'), placeNowSql(sql.ref('u.id')).as('unit_now'), placeChainSql(sql.ref('u.id')).as('unit_chain')]);
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

/**
 * What any agency may see: location, urgency, purposes, how many victims and their age bands. No identity, and no
 * free text unless `text` (the viewer's reader, from the disclosure decision) shows it: a pause reason can name someone.
 */
export function toSummary(r: Row, text: TextReader = NO_TEXT): ReferralSummary {
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
    location: { kind: r.location_kind, label: r.unit_name, parts: r.unit_chain ?? [], now: r.unit_now ?? null, country: r.location_country },
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
    clocks: (r.clocks ?? []).map((c) => toClockView(c, text)),
  };
}

/**
 * The rows a viewer may list, with the facts the disclosure decision needs. Agency officers only ever get their own
 * agency's referrals: the filter is in the query itself.
 */
export function scopedReferrals(db: Executor, viewer: SessionUser) {
  const q = summaryQuery(db).select([
    handlerSql.as('handler_id'),
    (viewer.role === 'operator' ? grantedSql(viewer.id, sql.ref('c.id')) : sql<boolean>`false`).as('granted'),
  ]);
  if (viewer.role === 'agency_officer') return q.where('r.agency_id', '=', viewer.agencyId ?? -1);
  return q;
}
export type ScopedRow = Awaited<ReturnType<ReturnType<typeof scopedReferrals>['executeTakeFirstOrThrow']>>;

export function factsOf(r: ScopedRow): CaseFacts {
  return {
    handlerId: r.handler_id,
    granted: r.granted,
    referral: { agencyId: r.agency_id, track: r.track, immediateDanger: r.immediate_danger, consent: r.consent, status: r.status },
  };
}

/** A row as this viewer sees it: the decision, and the summary with the free text it shows. */
export function viewRow(crypto: FieldCrypto, viewer: SessionUser, r: ScopedRow): { decision: Decision; text: TextReader; summary: ReferralSummary } {
  const decision = decide(viewer, factsOf(r));
  const text = textReader(crypto, viewer, decision);
  return { decision, text, summary: toSummary(r, text) };
}

export interface ReferralListFilter {
  status?: ReferralStatus[];
  track?: string;
  priority?: string;
  /** A page: at most `limit` rows after skipping `offset`, newest first (ties by id, so pages neither overlap nor skip). */
  limit?: number;
  offset?: number;
}

/** The list's filter as one condition on the referral `r`. */
const listWhere = (f: ReferralListFilter) => (eb: ExpressionBuilder<Database & { r: ReferralsTable }, 'r'>) => {
  const conds = [];
  if (f.status?.length) conds.push(eb('r.status', 'in', f.status));
  if (f.track) conds.push(eb('r.track', '=', f.track as ReferralTrack));
  if (f.priority) conds.push(eb('r.priority', '=', f.priority as Priority));
  return eb.and(conds);
};

export async function listReferrals(db: Executor, crypto: FieldCrypto, viewer: SessionUser, f: ReferralListFilter = {}): Promise<ReferralSummary[]> {
  const q = scopedReferrals(db, viewer).where(listWhere(f)).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit ?? 500).offset(f.offset ?? 0);
  return (await q.execute()).map((r) => viewRow(crypto, viewer, r).summary);
}

/** How many referrals the list's filter holds for this viewer (the same scope as listReferrals, without paging). */
export async function countReferrals(db: Executor, viewer: SessionUser, f: ReferralListFilter = {}): Promise<number> {
  let q = db.selectFrom('referrals as r').select((eb) => eb.fn.countAll<string>().as('n'));
  if (viewer.role === 'agency_officer') q = q.where('r.agency_id', '=', viewer.agencyId ?? -1);
  const row = await q.where(listWhere(f)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The summary a live event carries (no free text: it travels through Redis). */
export async function getReferralSummary(db: Executor, id: number): Promise<ReferralSummary | null> {
  const r = await summaryQuery(db).where('r.id', '=', id).executeTakeFirst();
  return r ? toSummary(r) : null;
}
