import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { CASES, DESTINATION, ETHNIC_GROUP, PROVINCE_KEY, TODAY_PROVINCE, TRAFFICKING, UNIT_AREA } from './report-sql.js';

/**
 * What the three daily rollups count, as weighted rows: the contacts themselves (a recount, weight 1) or the change
 * since the last refresh (rollup-changes.ts: -1 for a contact as the rollups hold it, +1 as it is now). Both go
 * through the same grouping below, so a recount and a fold count exactly alike.
 */
export interface Facts {
  /** day, location_unit_id, channel, call_type, classification, purposes, location_kind, location_country, n (the
   *  weight), victims (the case's victims × n; read for trafficking cases only). The contacts' own columns, as stored:
   *  a filter on classification then reaches the partial index of cases. */
  contacts: RawBuilder<unknown>;
  /** day, location_unit_id, classification, sex, age_band, eth, nat, n: victims of cases to refer (CASES). */
  victims: RawBuilder<unknown>;
}

/** The contacts received on the local days [first, last] (or all), as they are. The training line's are never counted. */
export function recountFacts(range: [string, string] | null): Facts {
  const within = range
    ? sql`c.received_at >= (${range[0]}::date - interval '7 hours') at time zone 'UTC'
          and c.received_at < (${range[1]}::date + 1 - interval '7 hours') at time zone 'UTC' and not c.training`
    : sql`not c.training`;
  return {
    contacts: sql`
      select report_day(c.received_at) as day, c.location_unit_id, c.channel, c.call_type, c.classification,
             c.purposes, c.location_kind, c.location_country, 1 as n,
             (select count(*) from contact_victims v where v.contact_id = c.id)::int as victims
      from contacts c where ${within}`,
    victims: sql`
      select report_day(c.received_at) as day, c.location_unit_id, c.classification, v.sex, coalesce(v.age_band, 'unknown') as age_band,
             ${ETHNIC_GROUP} as eth, coalesce(v.nationality, 'unknown') as nat, 1 as n
      from contacts c join contact_victims v on v.contact_id = c.id where c.classification in ${CASES} and ${within}`,
  };
}

interface Rollup {
  table: string;
  keys: string[];
  sums: string[];
  perUnit: (f: Facts) => RawBuilder<unknown>;
}

/** Per (day, location unit, keys): the sums. Contacts by channel, call type and classification. */
const CONTACTS: Rollup = {
  table: 'report_contact_daily',
  keys: ['channel', 'call_type', 'classification'],
  sums: ['n'],
  perUnit: (f) => sql`
    select day, location_unit_id as unit_id, channel, coalesce(call_type, '') as call_type, coalesce(classification, '') as classification,
           sum(n)::int as n
    from (${f.contacts}) c group by 1, 2, 3, 4, 5`,
};

/** Trafficking and suspected trafficking cases, and their victims, by purpose, destination, province ('' the total). */
const CASE_COUNTS: Rollup = {
  table: 'report_case_daily',
  keys: ['classification', 'dim', 'key'],
  sums: ['cases', 'victims'],
  perUnit: (f) => sql`
    with cases as (
      select day, location_unit_id, classification, purposes, ${DESTINATION} as destination, location_kind, n, victims
      from (${f.contacts}) c where c.classification in ${TRAFFICKING}
    )
    select day, unit_id, classification, dim, key, sum(n)::int as cases, sum(victims)::int as victims from (
      select day, location_unit_id as unit_id, classification, 'purpose' as dim, p as key, n, victims from cases, unnest(purposes) p
      union all select day, location_unit_id, classification, 'destination', destination, n, victims from cases
      union all select day, location_unit_id, classification, 'province', ${PROVINCE_KEY}, n, victims from cases ${TODAY_PROVINCE}
      union all select day, location_unit_id, classification, '', '', n, victims from cases
    ) f group by 1, 2, 3, 4, 5`,
};

/** Victims of all cases to refer by sex, age band, ethnic group and nationality ('' the total). */
const VICTIM_COUNTS: Rollup = {
  table: 'report_victim_daily',
  keys: ['classification', 'dim', 'key'],
  sums: ['n'],
  perUnit: (f) => sql`
    with victims as (${f.victims})
    select day, unit_id, classification, dim, key, sum(n)::int as n from (
      select day, location_unit_id as unit_id, classification, 'sex' as dim, sex as key, n from victims
      union all select day, location_unit_id, classification, 'age_band', age_band, n from victims
      union all select day, location_unit_id, classification, 'ethnicity', eth, n from victims
      union all select day, location_unit_id, classification, 'nationality', nat, n from victims
      union all select day, location_unit_id, classification, '', '', n from victims
    ) f group by 1, 2, 3, 4, 5`,
};

export const ROLLUPS = [CONTACTS, CASE_COUNTS, VICTIM_COUNTS] as const;

/** Fills the rollups with the facts' counts (the days they cover must be empty in the rollups). */
export async function insertCounts(tx: Executor, facts: Facts): Promise<void> {
  for (const r of ROLLUPS)
    await sql`insert into ${sql.table(r.table)} (area_id, day, ${cols(r.keys)}, ${cols(r.sums)}) ${spread(r, facts)}`.execute(tx);
}

/**
 * Adds the facts' counts to the rollups: an upsert per rollup (each key through the primary key, whatever the table's
 * size), then the keys that reached zero are deleted (a recount never writes one). Only the refresh writes the
 * rollups (under its lock).
 */
export async function addCounts(tx: Executor, facts: Facts): Promise<void> {
  for (const r of ROLLUPS) {
    const keys = ['area_id', 'day', ...r.keys];
    const t = sql.table(r.table);
    const zero = await sql<Record<string, unknown>>`
      with up as (
        insert into ${t} (${cols(keys)}, ${cols(r.sums)})
        select ${cols(keys)}, ${cols(r.sums)} from (${spread(r, facts)}) d where ${sql.raw(r.sums.map((s) => `d.${s} <> 0`).join(' or '))}
        on conflict (${cols(keys)}) do update set ${sql.raw(r.sums.map((s) => `${s} = ${r.table}.${s} + excluded.${s}`).join(', '))}
        returning ${cols(keys)}, ${cols(r.sums)}
      )
      select ${cols(keys)} from up where ${sql.raw(r.sums.map((s) => `${s} = 0`).join(' and '))}`.execute(tx);
    if (zero.rows.length === 0) continue;
    const types = sql.raw(['area_id int', 'day date', ...r.keys.map((k) => `${k} text`)].join(', '));
    await sql`
      delete from ${t} t using jsonb_to_recordset(${JSON.stringify(zero.rows)}::jsonb) as z(${types})
      where ${sql.raw(keys.map((k) => `t.${k} = z.${k}`).join(' and '))} and ${sql.raw(r.sums.map((s) => `t.${s} = 0`).join(' and '))}`.execute(tx);
  }
}

const cols = (names: string[]) => sql.raw(names.join(', '));

/**
 * Counts per (day, location unit, …) → the same counts for the nation (area 0) and every area the location counts in
 * (report_unit_area: its own chain, and the 2025 units whose ground holds all of its ground), summed per area.
 */
function spread(r: Rollup, facts: Facts): RawBuilder<unknown> {
  const k = cols(r.keys);
  const total = sql.raw(r.sums.map((c) => `sum(${c})::int as ${c}`).join(', '));
  return sql`
    with per_unit as (${r.perUnit(facts)})
    select area_id, day, ${k}, ${total} from (
      select 0 as area_id, * from per_unit
      union all
      select a.area_id, p.* from per_unit p join ${UNIT_AREA} a on a.unit_id = p.unit_id
    ) x group by area_id, day, ${k}`;
}
