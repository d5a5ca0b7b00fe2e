/**
 * The statistics queries, and why they are shaped this way.
 *
 * Volumes: the hotline takes 320k–510k contacts a year, so a 12-month national question spans ~0.5–1M contacts;
 * a few percent are cases (victims, referrals, support records, SLA clocks: ~10^5 rows a year). On a small server a
 * plain GROUP BY over a million contacts with an area filter costs about a second, so:
 *
 * 1. Contacts, cases and victims come from daily rollups (`report_contact_daily`, `report_case_daily`,
 *    `report_victim_daily`): counts per local day × area × dimension, where the area is the nation (0) and every
 *    unit the location counts in (report_unit_area, migration 0010: its own chain in its dataset, whatever the depth,
 *    and the 2025 units whose ground holds all of its ground, so a 2025 area includes what was recorded with the old
 *    units on its ground; StatsScope.unitIds is the same relation read the other way). Any area is then one
 *    primary-key range: a 12-month national question reads a few thousand rows. These facts are fixed at wrap-up,
 *    so they are maintained without touching the hot intake path: triggers on contacts and victims only append what
 *    changed to two logs (migration 0013; append-only, so webhooks never wait on a shared counter row), and
 *    `refreshRollups` folds them in, counting each touched contact out as the rollups held it and in as it is now,
 *    every 10 seconds in the reports worker and before every statistics question, so answers are always current at a
 *    cost in proportion to the changes, not to the day's volume (rollup-changes.ts). Days whose spread over areas
 *    changed (a unit moved, the unit map rebuilt) are logged in `report_dirty_days` and recounted whole. Tests
 *    compare the rollups with direct counts and a random sequence of changes with a full rebuild.
 * 2. Referrals, support and SLA clocks change for weeks after the call (accepted, closed, met, breached), so they are
 *    read from the base tables, through covering indexes added in migration 0005 (index-only scans by creation time,
 *    date given and clock start; the support record carries its case). Percentiles (p50/p90) use percentile_cont
 *    over the period's referrals, in float8.
 * An agency officer's statistics are a small population (the referrals to one agency), so they are always counted
 * directly from the base tables, restricted in the query itself to that agency.
 *
 * Periods are local days (UTC+7): the rollups are keyed by `report_day(received_at)`, the direct queries use the
 * instants [start, end). Contacts, cases and victims count by receipt, referrals by creation, support by the date
 * given, SLA clocks by their start (a referral's clocks start when it is made). Each query runs without JIT (see run).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import { CASES, DESTINATION, ETHNIC_GROUP, PROVINCE_KEY, TODAY_PROVINCE, TRAFFICKING } from './report-sql.js';
import type { StatsScope } from './scope.js';

/**
 * Runs one statistics query in its own short transaction with settings for analytical reads: no JIT (compiling
 * costs more than these sub-second queries take) and enough memory to sort and hash in memory.
 */
export async function run<T>(db: Database, q: RawBuilder<T>): Promise<T[]> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
    return (await q.execute(tx)).rows;
  });
}

/**
 * The contacts a scope may count, as a FROM item aliased `c`: all of them, or for an officer only those referred to
 * their agency (driven from that agency's referrals, which start after the contact was received).
 */
export function contactSource(s: StatsScope): RawBuilder<unknown> {
  return s.agency
    ? sql`(select distinct contact_id from referrals where agency_id = ${s.agency.id} and created_at >= ${s.start}) sc
          join contacts c on c.id = sc.contact_id`
    : sql`contacts c`;
}

/** Contacts of the scope: received in the period and located in the area (with contactSource). */
function contactFilter(s: StatsScope): RawBuilder<unknown> {
  return sql`c.received_at >= ${s.start} and c.received_at < ${s.end} and not c.training
    ${s.unitIds ? sql`and c.location_unit_id = any(${s.unitIds}::int[])` : sql``}`;
}

/** Referrals of the scope: created in the period, their case in the area, and for an officer to their agency. */
function referralFilter(s: StatsScope): RawBuilder<unknown> {
  return sql`r.created_at >= ${s.start} and r.created_at < ${s.end}
    and r.contact_id not in (select id from contacts where training)
    ${s.unitIds ? sql`and r.contact_id in (select id from contacts where location_unit_id = any(${s.unitIds}::int[]))` : sql``}
    ${s.agency ? sql`and r.agency_id = ${s.agency.id}` : sql``}`;
}

export interface DimCount {
  dim: string;
  key: string;
  n: number;
}

/**
 * How a count is made: from the daily rollups, or directly from the base tables (always for an agency's scope; tests
 * use it to check the rollups).
 */
export type Via = 'rollup' | 'direct';
const viaOf = (s: StatsScope, via?: Via): Via => (s.agency ? 'direct' : (via ?? 'rollup'));

/** Contacts by channel, call type and classification (dim '' is the total). */
export async function contactCounts(db: Database, s: StatsScope, via?: Via): Promise<DimCount[]> {
  const q = viaOf(s, via) === 'direct'
    ? sql<{ channel: string | null; call_type: string | null; classification: string | null; g: number; n: number }>`
        select channel, coalesce(call_type, '') as call_type, coalesce(classification, '') as classification,
               grouping(channel, coalesce(call_type, ''), coalesce(classification, '')) as g, count(*)::int as n
        from ${contactSource(s)} where ${contactFilter(s)}
        group by grouping sets ((channel), (coalesce(call_type, '')), (coalesce(classification, '')), ())`
    : sql<{ channel: string | null; call_type: string | null; classification: string | null; g: number; n: number }>`
        select channel, call_type, classification, grouping(channel, call_type, classification) as g, coalesce(sum(n), 0)::int as n
        from report_contact_daily
        where area_id = ${s.area?.id ?? 0} and day between ${s.from}::date and ${s.to}::date
        group by grouping sets ((channel), (call_type), (classification), ())`;
  const rows = await run(db, q);
  // grouping() bits: 4 = channel aggregated, 2 = call_type, 1 = classification.
  return rows.map((r) => {
    if (r.g === 7) return { dim: '', key: '', n: r.n };
    if (r.g === 3) return { dim: 'channel', key: r.channel!, n: r.n };
    if (r.g === 5) return { dim: 'call_type', key: r.call_type!, n: r.n };
    return { dim: 'classification', key: r.classification!, n: r.n };
  });
}

export interface CaseCount {
  dim: 'purpose' | 'destination' | 'province' | '';
  key: string;
  classification: string;
  cases: number;
  victims: number;
}

/** Trafficking and suspected trafficking cases by purpose, destination and province, with their victims. */
export async function caseCounts(db: Database, s: StatsScope, via?: Via): Promise<CaseCount[]> {
  if (viaOf(s, via) === 'rollup')
    return run(db, sql<CaseCount>`
      select dim, key, classification, sum(cases)::int as cases, sum(victims)::int as victims from report_case_daily
      where area_id = ${s.area?.id ?? 0} and day between ${s.from}::date and ${s.to}::date group by 1, 2, 3`);
  return run(db, sql<CaseCount>`
    with cases as (
      select c.classification, c.purposes, c.location_kind, c.location_unit_id, ${DESTINATION} as destination,
             (select count(*) from contact_victims v where v.contact_id = c.id)::int as victims
      from ${contactSource(s)}
      where c.classification in ${TRAFFICKING} and ${contactFilter(s)}
    )
    select dim, key, classification, count(*)::int as cases, sum(victims)::int as victims from (
      select 'purpose' as dim, p as key, classification, victims from cases, unnest(purposes) p
      union all select 'destination', destination, classification, victims from cases
      union all select 'province', ${PROVINCE_KEY}, classification, victims from cases ${TODAY_PROVINCE}
      union all select '', '', classification, victims from cases
    ) f group by 1, 2, 3`);
}

export interface VictimCount {
  dim: 'sex' | 'age_band' | 'ethnicity' | 'nationality' | '';
  key: string;
  classification: string;
  n: number;
}

/** Victims of the period's cases by sex, age band, ethnic group and nationality, per classification. */
export async function victimCounts(db: Database, s: StatsScope, via?: Via): Promise<VictimCount[]> {
  if (viaOf(s, via) === 'rollup')
    return run(db, sql<VictimCount>`
      select dim, key, classification, sum(n)::int as n from report_victim_daily
      where area_id = ${s.area?.id ?? 0} and day between ${s.from}::date and ${s.to}::date group by 1, 2, 3`);
  return run(db, sql<VictimCount>`
    with victims as (
      select c.classification, v.sex, coalesce(v.age_band, 'unknown') as age_band, ${ETHNIC_GROUP} as eth, coalesce(v.nationality, 'unknown') as nat
      from ${contactSource(s)} join contact_victims v on v.contact_id = c.id
      where c.classification in ${CASES} and ${contactFilter(s)}
    )
    select dim, key, classification, count(*)::int as n from (
      select 'sex' as dim, sex as key, classification from victims
      union all select 'age_band', age_band, classification from victims
      union all select 'ethnicity', eth, classification from victims
      union all select 'nationality', nat, classification from victims
      union all select '', '', classification from victims
    ) f group by 1, 2, 3`);
}

export interface ReferralCount {
  agency_id: number | null;
  agency_name: string | null;
  status: string;
  outcome: string | null;
  n: number;
}

/** Referrals of the period by agency, status and outcome (one small grouped result; the tables are cut from it). */
export async function referralCounts(db: Database, s: StatsScope): Promise<ReferralCount[]> {
  return run(db, sql<ReferralCount>`
    select x.agency_id, a.name as agency_name, x.status, x.outcome, x.n from (
      select r.agency_id, r.status, r.outcome, count(*)::int as n from referrals r where ${referralFilter(s)} group by 1, 2, 3
    ) x left join agencies a on a.id = x.agency_id`);
}

export interface SupportCount {
  regime: string | null;
  records: number;
  cases: number;
}

/** Support given during the period (by the date given) per regime, and the distinct cases it reached. */
export async function supportCounts(db: Database, s: StatsScope): Promise<SupportCount[]> {
  return run(db, sql<SupportCount>`
    select s.regime, count(*)::int as records, count(distinct s.contact_id)::int as cases
    from referral_support s
    where s.given_on between ${s.from}::date and ${s.to}::date
      and s.contact_id not in (select id from contacts where training)
      ${s.unitIds ? sql`and s.contact_id in (select id from contacts where location_unit_id = any(${s.unitIds}::int[]))` : sql``}
      ${s.agency ? sql`and s.referral_id in (select id from referrals where agency_id = ${s.agency.id})` : sql``}
    group by grouping sets ((s.regime), ())`);
}

export interface ResponseTimes {
  metric: 'acknowledge' | 'first_action' | 'close';
  n: number;
  p50: number | null;
  p90: number | null;
}

/** Wall-clock hours from each referral of the period to its acknowledgement, first action and closure: p50 and p90. */
export async function responseTimes(db: Database, s: StatsScope): Promise<ResponseTimes[]> {
  const metric = (name: string, col: string) => sql`
    select ${sql.lit(name)}::text as metric, count(*)::int as n,
      percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', ${sql.raw(col)} - created_at) / 3600) as p
    from scoped where ${sql.raw(col)} is not null`;
  const rows = await run(db, sql<{ metric: ResponseTimes['metric']; n: number; p: number[] | null }>`
    with scoped as materialized (
      select r.created_at, r.accepted_at, r.first_action_at, r.closed_at from referrals r
      where r.agency_id is not null and ${referralFilter(s)}
    )
    ${metric('acknowledge', 'accepted_at')} union all ${metric('first_action', 'first_action_at')} union all ${metric('close', 'closed_at')}`);
  return rows.map((x) => ({ metric: x.metric, n: x.n, p50: x.p?.[0] ?? null, p90: x.p?.[1] ?? null }));
}

export interface ClockCount {
  kind: 'acknowledge' | 'first_action' | 'close';
  met: number;
  breached: number;
  running: number;
}

/**
 * SLA clocks started in the period (a referral's clocks start when it is made): met on time (met, never breached),
 * breached (whether met late or not), still running or paused. Stopped clocks (the referral left the agency before
 * the deadline) are not counted, nor the re-route timeouts (routing mechanics, not deadlines).
 */
export async function clockCounts(db: Database, s: StatsScope): Promise<ClockCount[]> {
  return run(db, sql<ClockCount>`
    select k.kind,
      count(*) filter (where k.met_at is not null and k.breached_at is null)::int as met,
      count(*) filter (where k.breached_at is not null)::int as breached,
      count(*) filter (where k.state in ('running', 'paused'))::int as running
    from sla_clocks k
    where k.kind in ('acknowledge', 'first_action', 'close') and k.started_at >= ${s.start} and k.started_at < ${s.end}
      and k.referral_id not in (select r.id from referrals r where r.contact_id in (select id from contacts where training))
      ${s.unitIds || s.agency ? sql`and k.referral_id in (select r.id from referrals r where ${referralFilter(s)})` : sql``}
    group by k.kind`);
}
