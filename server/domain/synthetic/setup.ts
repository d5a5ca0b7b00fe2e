import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { SEED_DIR } from '../../paths.js';
import { importSeed } from '../seed/seed-import.js';
import { ensureReferenceData } from '../units/reference-data.js';

/** 2025 province codes of the four provinces of the source documents (Hà Giang is in Tuyên Quang, Sóc Trăng in Cần Thơ). */
export const SEED_PROVINCES = ['08', '14', '92'];
/** 2025 provinces on the land border with China, Laos or Cambodia. */
export const BORDER_PROVINCES = ['04', '08', '11', '12', '14', '15', '20', '22', '38', '40', '42', '44', '46', '48', '51', '52', '66', '68', '75', '80', '82', '91'];
/** The last day of the three-tier structure: a case received up to then was recorded and referred on the old map. */
export const REFORM_DAY = '2025-07-01';

/** The units and the demo agencies the generator needs (loaded when the database has none), and its own user. */
export async function ensureBaseData(db: Database, log: (s: string) => void): Promise<number> {
  if (await ensureReferenceData(db)) log('loaded the administrative units, the 2025 crosswalk and points');
  const agencies = await db.selectFrom('agencies').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (agencies.n === 0) {
    await importSeed(db, JSON.parse(await readFile(path.join(SEED_DIR, 'demo-seed.json'), 'utf8')));
    log('loaded the demo agencies');
  }
  // Who "recorded" the synthetic support: a disabled account that cannot log in (its hash is not a password hash).
  const r = await sql<{ id: number }>`
    insert into users (username, display_name, password_hash, role, active)
    values ('synthetic-data', 'Dữ liệu mô phỏng (synthetic)', '!disabled', 'supervisor', false)
    on conflict (username) do update set username = excluded.username returning id`.execute(db);
  return r.rows[0]!.id;
}

/**
 * Session-local lookup tables (one connection): weighted lists of communes to draw places from (set '2023', the old
 * structure, or '2025'), each with its 2025 province; and for every commune, before and after the reform, the agencies
 * routing would pick on the map of the day (syn_unit_agency): the most specific covering office of the right type
 * that existed then, in the place's own province. None → the case goes to the supervisor, as routing would send it.
 */
export async function createLookupTables(conn: Kysely<DB>): Promise<{ units2025: number; units2023: number }> {
  await sql`drop table if exists syn_units, syn_unit_agency, syn_cases, syn_refs`.execute(conn);
  await sql`create temp table syn_units (set text, idx int, unit_id int, province_code text, primary key (set, idx))`.execute(conn);
  await sql`
    insert into syn_units (set, idx, unit_id, province_code)
    select set, row_number() over (partition by set order by unit_id, w)::int, unit_id, province_code from (
      select case when c.dataset = 'vn-2025' then '2025' else '2023' end as set, c.id as unit_id, p.code as province_code, w
      from admin_units c
      join lateral (select pu.code from unit_cover uc join admin_units pu on pu.id = uc.cover_id
                     where uc.unit_id = c.id and pu.dataset = 'vn-2025' and pu.level = 'province' limit 1) p on true
      cross join lateral generate_series(1, case when p.code = any(${SEED_PROVINCES}::text[]) then 6
                                                  when p.code = any(${BORDER_PROVINCES}::text[]) then 3 else 1 end) w
      where c.level = 'commune'
    ) x`.execute(conn);
  await sql`create temp table syn_unit_agency as ${unitAgencies()}`.execute(conn);
  await sql`alter table syn_unit_agency add primary key (unit_id, period)`.execute(conn);
  await sql`create temp table syn_cases (
      contact_id bigint primary key, classification text, received_at timestamptz, closed_at timestamptz, location_kind text,
      location_unit_id int, route_unit_id int, period text, immediate_danger boolean, wishes text, province_code text)`.execute(conn);
  await sql`create temp table syn_refs (
      id bigint primary key, contact_id bigint, agency_id int, status text, priority text, created_at timestamptz,
      accepted_at timestamptz, first_action_at timestamptz, closed_at timestamptz, updated_at timestamptz)`.execute(conn);
  const n = await sql<{ set: string; n: number }>`select set, count(*)::int as n from syn_units group by set`.execute(conn);
  const of = (s: string) => n.rows.find((r) => r.set === s)?.n ?? 0;
  return { units2025: of('2025'), units2023: of('2023') };
}

/**
 * Per commune and period ('before' on 30 June 2025, 'after' on 1 July 2025): the agencies of the default rules
 * (routing/default-rules.ts) found as routing finds them (units/unit-cover.ts): the smallest covering ground first.
 * primary: a district office, else a commune committee, else the province's department; dept: that department
 * (a declined primary moves to it); police and shelter: the most specific; Border Guard: the province's.
 */
function unitAgencies() {
  return sql`
    with periods(period, day) as (values ('before', date '2025-06-30'), ('after', date ${sql.lit(REFORM_DAY)})),
    cand as (
      select uc.unit_id, p.period, a.id, a.type, cu.level = 'province' as province_level, cu.ground_size, uc.via_chain
        from unit_cover uc
        join admin_units u on u.id = uc.unit_id and u.level = 'commune'
        join admin_units cu on cu.id = uc.cover_id
        join agency_units au on au.unit_id = uc.cover_id
        join agencies a on a.id = au.agency_id and a.active
        cross join periods p
       where (a.valid_from is null or a.valid_from <= p.day) and (a.valid_to is null or a.valid_to >= p.day)
    ),
    best as (
      select distinct on (unit_id, period, type, province_level) unit_id, period, type, province_level, id
        from cand order by unit_id, period, type, province_level, ground_size, via_chain desc, id
    ),
    pick as (
      select unit_id, period,
        coalesce(max(id) filter (where type = 'district_office'), max(id) filter (where type = 'commune_committee'),
                 max(id) filter (where type = 'provincial_department' and province_level)) as primary_id,
        max(id) filter (where type = 'provincial_department' and province_level) as dept_id,
        coalesce(max(id) filter (where type = 'police' and not province_level), max(id) filter (where type = 'police' and province_level)) as police_id,
        coalesce(max(id) filter (where type = 'shelter' and not province_level), max(id) filter (where type = 'shelter' and province_level)) as shelter_id,
        max(id) filter (where type = 'border_guard' and province_level) as border_id
      from best group by unit_id, period
    )
    select pick.unit_id, pick.period, primary_id, case when dept_id <> primary_id then dept_id end as alt_id, police_id, shelter_id, border_id,
           (select province_code from syn_units s where s.unit_id = pick.unit_id limit 1) as province_code
      from pick`;
}
