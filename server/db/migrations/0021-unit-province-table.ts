import { sql, type Kysely } from 'kysely';

/**
 * report_unit_province (migration 0010) becomes a table (issue 19). As a DISTINCT ON view it could not be joined by
 * index: every statistics question and every rollup fold with a trafficking case computed it for all ~14,000 units
 * (140 ms a fold, a seventh of a core under the routing benchmark's 100 referrals/s) to read a few rows.
 *
 * Same name and columns, so its readers are unchanged, and the same rows, so no count changes. It is rebuilt where
 * the unit map's change is already noticed: the statement trigger on unit_cover's rebuild (units/unit-map.ts), which
 * also marks every counted day for recounting.
 */
const PROVINCES = sql`
  select distinct on (uc.unit_id) uc.unit_id, uc.cover_id from unit_cover uc join admin_units a on a.id = uc.cover_id
   where a.level = 'province' and (uc.via_chain or a.dataset = 'vn-2025')
   order by uc.unit_id, a.dataset = 'vn-2025' desc, a.id`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop view report_unit_province`.execute(db);
  await sql`create table report_unit_province (unit_id int primary key, province_id int not null)`.execute(db);
  await sql`insert into report_unit_province (unit_id, province_id) ${PROVINCES}`.execute(db);
  await sql`analyze report_unit_province`.execute(db);
  // A ground lies in at most one 2025 province; DISTINCT ON keeps it over the unit's own (older) province.
  await sql`create or replace function report_mark_map_changed() returns trigger language plpgsql as $$
    begin
      delete from report_unit_province;
      insert into report_unit_province (unit_id, province_id) ${PROVINCES};
      insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = 0;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function report_mark_map_changed() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = 0;
      return null;
    end $$`.execute(db);
  await sql`drop table report_unit_province`.execute(db);
  await sql`create view report_unit_province (unit_id, province_id) as ${PROVINCES}`.execute(db);
}
