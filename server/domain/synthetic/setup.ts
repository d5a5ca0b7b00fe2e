import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { DATA_DIR, SEED_DIR } from '../../paths.js';
import { importSeed } from '../seed/seed-import.js';
import { importUnitsCsv } from '../units/units-import.js';

/** 2025 province codes of the four provinces of the source documents (Hà Giang is in Tuyên Quang, Sóc Trăng in Cần Thơ). */
export const SEED_PROVINCES = ['08', '14', '92'];
/** 2025 provinces on the land border with China, Laos or Cambodia. */
export const BORDER_PROVINCES = ['04', '08', '11', '12', '14', '15', '20', '22', '38', '40', '42', '44', '46', '48', '51', '52', '66', '68', '75', '80', '82', '91'];

/** The units and the demo agencies the generator needs (loaded when the database has none), and its own user. */
export async function ensureBaseData(db: Database, log: (s: string) => void): Promise<number> {
  const units = await db.selectFrom('admin_units').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (units.n === 0) {
    for (const [file, dataset] of [['vn-admin-units-2023-seed-provinces.csv', 'vn-2023'], ['vn-admin-units-2025.csv', 'vn-2025']] as const)
      await importUnitsCsv(db, await readFile(path.join(DATA_DIR, file), 'utf8'), dataset);
    log('loaded both unit datasets');
  }
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
 * Session-local lookup tables (one connection): weighted lists of communes to draw locations from, and for every
 * commune the demo agencies that take its referrals. Provinces the demo data does not cover borrow one of the
 * demo agencies of the right type (deterministically, by province id), so every referral goes to an agency that exists.
 */
export async function createLookupTables(conn: Kysely<DB>): Promise<{ units2025: number; units2023: number }> {
  await sql`drop table if exists syn_units, syn_unit_agency, syn_typed, syn_cases, syn_refs`.execute(conn);
  await sql`create temp table syn_units (set text, idx int, unit_id int, province_code text, primary key (set, idx))`.execute(conn);
  await sql`
    insert into syn_units (set, idx, unit_id, province_code)
    select set, row_number() over (partition by set order by unit_id, w)::int, unit_id, province_code from (
      select case when c.dataset = 'vn-2025' then '2025' else '2023' end as set, c.id as unit_id, p.code as province_code, w
      from admin_units c
      join lateral (with recursive up(id, parent_id, code) as (
          select u.id, u.parent_id, u.code from admin_units u where u.id = c.parent_id
          union all select a.id, a.parent_id, a.code from admin_units a join up on a.id = up.parent_id)
        select code from up where parent_id is null) p on true
      cross join lateral generate_series(1, case when p.code = any(${SEED_PROVINCES}::text[]) or c.dataset = 'vn-2023' then 6
                                                  when p.code = any(${BORDER_PROVINCES}::text[]) then 3 else 1 end) w
      where c.level = 'commune'
    ) x`.execute(conn);
  await sql`
    create temp table syn_unit_agency as
    with recursive chain(unit_id, anc_id, depth) as (
      select id, id, 0 from admin_units where level = 'commune'
      union all select ch.unit_id, u.parent_id, ch.depth + 1 from chain ch join admin_units u on u.id = ch.anc_id where u.parent_id is not null
    ),
    province as (select ch.unit_id, ch.anc_id as province_id from chain ch join admin_units u on u.id = ch.anc_id and u.parent_id is null),
    cover as (
      select ch.unit_id, a.id as agency_id, a.type, ch.depth from chain ch
      join agency_units au on au.unit_id = ch.anc_id join agencies a on a.id = au.agency_id and a.active
    ),
    typed as (select type, array_agg(id order by id) as ids from agencies where active group by type)
    select p.unit_id, p.province_id,
      coalesce((select agency_id from cover where cover.unit_id = p.unit_id and type in ('commune_committee', 'district_office', 'provincial_department') order by depth limit 1),
               (select ids[1 + p.unit_id % cardinality(ids)] from typed where type = 'district_office'),
               (select ids[1 + p.province_id % cardinality(ids)] from typed where type = 'provincial_department')) as primary_id,
      (select ids[1 + (p.province_id + 1) % cardinality(ids)] from typed where type = 'provincial_department') as alt_id,
      coalesce((select agency_id from cover where cover.unit_id = p.unit_id and type = 'police' order by depth limit 1),
               (select ids[1 + p.province_id % cardinality(ids)] from typed where type = 'police')) as police_id,
      coalesce((select agency_id from cover where cover.unit_id = p.unit_id and type = 'shelter' order by depth limit 1),
               (select ids[1 + p.province_id % cardinality(ids)] from typed where type = 'shelter')) as shelter_id,
      coalesce((select agency_id from cover where cover.unit_id = p.unit_id and type = 'border_guard' order by depth limit 1),
               (select ids[1 + p.province_id % cardinality(ids)] from typed where type = 'border_guard')) as border_id,
      (select code from admin_units where id = p.province_id) as province_code
    from province p`.execute(conn);
  await sql`alter table syn_unit_agency add primary key (unit_id)`.execute(conn);
  // A re-routed referral must go to another office than the one that declined it.
  await sql`update syn_unit_agency u set alt_id = (select a.id from agencies a where a.type = 'provincial_department' and a.active and a.id <> u.primary_id order by a.id limit 1)
            where alt_id = primary_id`.execute(conn);
  // The abroad and unknown-location cases go to the provincial departments and Border Guard (rule 4), by contact id.
  await sql`create temp table syn_typed as select type, array_agg(id order by id) as ids from agencies where active group by type`.execute(conn);
  await sql`create temp table syn_cases (
      contact_id bigint primary key, classification text, received_at timestamptz, closed_at timestamptz, location_kind text,
      location_unit_id int, immediate_danger boolean, wishes text, province_code text)`.execute(conn);
  await sql`create temp table syn_refs (
      id bigint primary key, contact_id bigint, agency_id int, status text, priority text, created_at timestamptz,
      accepted_at timestamptz, first_action_at timestamptz, closed_at timestamptz, updated_at timestamptz)`.execute(conn);
  const n = await sql<{ set: string; n: number }>`select set, count(*)::int as n from syn_units group by set`.execute(conn);
  const of = (s: string) => n.rows.find((r) => r.set === s)?.n ?? 0;
  return { units2025: of('2025'), units2023: of('2023') };
}
