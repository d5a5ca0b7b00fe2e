import { sql, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { CASES, DESTINATION, ETHNIC_GROUP, PROVINCE_KEY, TODAY_PROVINCE, TRAFFICKING, UNIT_AREA } from './report-sql.js';

/** One refresher at a time (the statistics request and the reports worker's schedule may meet). */
const LOCK = sql`pg_advisory_xact_lock(hashtext('hotline111:report-rollup'))`;

const ROLLUPS = ['report_contact_daily', 'report_case_daily', 'report_victim_daily'] as const;

/**
 * Recounts the days whose contacts (or victims) changed since the last refresh (report_dirty_days, written by
 * triggers) into the three daily rollups. Takes only the log rows it can see and deletes exactly those, so a change
 * committed meanwhile stays logged for the next refresh. Returns how many days were recounted.
 */
export async function refreshRollups(db: Database): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`select ${LOCK}, set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(tx);
    const taken = await sql<{ day: string }>`
      with d as (delete from report_dirty_days returning day) select distinct day from d order by day`.execute(tx);
    const days = taken.rows.map((r) => r.day);
    if (days.length === 0) return 0;
    for (const t of ROLLUPS) await sql`delete from ${sql.table(t)} where day = any(${days}::date[])`.execute(tx);
    // Contiguous runs of days are read as one range of received_at (the indexes on received_at serve each run).
    for (const range of runs(days)) await insertCounts(tx, range);
    return days.length;
  });
}

/** Rebuilds the rollups from scratch (after a bulk load, or to check them). */
export async function rebuildRollups(db: Database): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select ${LOCK}, set_config('jit', 'off', true), set_config('work_mem', '256MB', true),
                     set_config('maintenance_work_mem', '256MB', true)`.execute(tx);
    await sql`delete from report_dirty_days`.execute(tx);
    await sql`truncate report_contact_daily, report_case_daily, report_victim_daily`.execute(tx);
    await withIndexesBuiltAfter(tx, ROLLUPS, () => insertCounts(tx, null));
  });
}

/**
 * Fills empty tables without their indexes, then builds each index once: sorting a million rows into a B-tree at the
 * end costs a fraction of maintaining it row by row (a whole rebuild writes ~1.8 rows a contact since 2025 areas count
 * old units too). The definitions come from the catalog, so they stay what the migrations made. The tables are locked
 * by the truncate already, and a failure rolls everything back.
 */
async function withIndexesBuiltAfter(tx: Executor, tables: readonly string[], fill: () => Promise<void>): Promise<void> {
  const indexes = await sql<{ tbl: string; name: string; def: string; pkey: boolean }>`
    select t.relname as tbl, i.relname as name, pg_get_indexdef(i.oid) as def, x.indisprimary as pkey
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     where t.relnamespace = to_regnamespace(current_schema()) and t.relname = any(${tables as string[]}::text[])
     order by t.relname, i.relname`.execute(tx);
  for (const x of indexes.rows)
    await (x.pkey ? sql`alter table ${sql.table(x.tbl)} drop constraint ${sql.ref(x.name)}` : sql`drop index ${sql.ref(x.name)}`).execute(tx);
  await fill();
  for (const x of indexes.rows) {
    await sql.raw(x.def).execute(tx);
    if (x.pkey) await sql`alter table ${sql.table(x.tbl)} add constraint ${sql.ref(x.name)} primary key using index ${sql.ref(x.name)}`.execute(tx);
  }
}

async function insertCounts(tx: Executor, range: [string, string] | null): Promise<void> {
  const within = range
    ? sql`c.received_at >= (${range[0]}::date - interval '7 hours') at time zone 'UTC'
          and c.received_at < (${range[1]}::date + 1 - interval '7 hours') at time zone 'UTC' and not c.training`
    : sql`not c.training`; // the training line's simulated calls are never counted
  await sql`insert into report_contact_daily (area_id, day, channel, call_type, classification, n)
            ${spread(sql`
              select report_day(c.received_at) as day, c.location_unit_id as unit_id, c.channel,
                     coalesce(c.call_type, '') as call_type, coalesce(c.classification, '') as classification, count(*)::int as n
              from contacts c where ${within} group by 1, 2, 3, 4, 5`, ['channel', 'call_type', 'classification'], ['n'])}`.execute(tx);
  await sql`insert into report_case_daily (area_id, day, classification, dim, key, cases, victims)
            ${spread(sql`
              with cases as (
                select report_day(c.received_at) as day, c.location_unit_id, c.classification, c.purposes, ${DESTINATION} as destination,
                       c.location_kind, (select count(*) from contact_victims v where v.contact_id = c.id)::int as victims
                from contacts c where c.classification in ${TRAFFICKING} and ${within}
              )
              select day, unit_id, classification, dim, key, count(*)::int as cases, sum(victims)::int as victims from (
                select day, location_unit_id as unit_id, classification, 'purpose' as dim, p as key, victims from cases, unnest(purposes) p
                union all select day, location_unit_id, classification, 'destination', destination, victims from cases
                union all select day, location_unit_id, classification, 'province', ${PROVINCE_KEY}, victims from cases ${TODAY_PROVINCE}
                union all select day, location_unit_id, classification, '', '', victims from cases
              ) f group by 1, 2, 3, 4, 5`, ['classification', 'dim', 'key'], ['cases', 'victims'])}`.execute(tx);
  await sql`insert into report_victim_daily (area_id, day, classification, dim, key, n)
            ${spread(sql`
              with victims as (
                select report_day(c.received_at) as day, c.location_unit_id, c.classification, v.sex, coalesce(v.age_band, 'unknown') as age_band,
                       ${ETHNIC_GROUP} as eth, coalesce(v.nationality, 'unknown') as nat
                from contacts c join contact_victims v on v.contact_id = c.id where c.classification in ${CASES} and ${within}
              )
              select day, unit_id, classification, dim, key, count(*)::int as n from (
                select day, location_unit_id as unit_id, classification, 'sex' as dim, sex as key from victims
                union all select day, location_unit_id, classification, 'age_band', age_band from victims
                union all select day, location_unit_id, classification, 'ethnicity', eth from victims
                union all select day, location_unit_id, classification, 'nationality', nat from victims
                union all select day, location_unit_id, classification, '', '' from victims
              ) f group by 1, 2, 3, 4, 5`, ['classification', 'dim', 'key'], ['n'])}`.execute(tx);
}

/**
 * Counts per (day, location unit, …) → the same counts for the nation (area 0) and every area the location counts in
 * (report_unit_area: its own chain, and the 2025 units whose ground holds all of its ground), summed per area.
 */
function spread(perUnit: RawBuilder<unknown>, keys: string[], sums: string[]): RawBuilder<unknown> {
  const k = sql.raw(keys.join(', '));
  const total = sql.raw(sums.map((c) => `sum(${c})::int`).join(', '));
  return sql`
    with per_unit as (${perUnit})
    select area_id, day, ${k}, ${total} from (
      select 0 as area_id, * from per_unit
      union all
      select a.area_id, p.* from per_unit p join ${UNIT_AREA} a on a.unit_id = p.unit_id
    ) x group by area_id, day, ${k}`;
}

/** [first, last] of each run of consecutive days in a sorted list. */
export function runs(days: string[]): [string, string][] {
  const out: [string, string][] = [];
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && ms(d) - ms(last[1]) === 86_400_000) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}
