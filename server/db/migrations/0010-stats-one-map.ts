import { sql, type Kysely } from 'kysely';

/**
 * Statistics on one map across the 2025 reform (issue 13). Two views over the unit map of migration 0007, read by the
 * rollups and the direct queries alike, so both count the same way:
 * - report_unit_area(unit_id, area_id): the areas a contact located in a unit counts in. An area on the unit's own
 *   chain (the unit and its ancestors in its dataset), or a 2025 unit whose ground holds all of the unit's ground. So
 *   an old commune counts in its successor commune when it was not divided, and always in its 2025 province; a 2025
 *   area includes what was recorded with the old units on its ground, and an old area counts its own units only.
 * - report_unit_province(unit_id, province_id): the province a unit is in today: the 2025 province covering it, or its
 *   own province when none does (an old unit without a successor), so "by province" tables name today's provinces.
 * A rebuilt unit map (an import that changed units or the crosswalk) changes both: every counted day is recounted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create view report_unit_area (unit_id, area_id) as
    select uc.unit_id, uc.cover_id from unit_cover uc join admin_units a on a.id = uc.cover_id
     where uc.via_chain or a.dataset = 'vn-2025'`.execute(db);
  // A ground lies in at most one 2025 province; DISTINCT ON keeps it over the unit's own (older) province.
  await sql`create view report_unit_province (unit_id, province_id) as
    select distinct on (uc.unit_id) uc.unit_id, uc.cover_id from unit_cover uc join admin_units a on a.id = uc.cover_id
     where a.level = 'province' and (uc.via_chain or a.dataset = 'vn-2025')
     order by uc.unit_id, a.dataset = 'vn-2025' desc, a.id`.execute(db);

  // unit-map.ts rebuilds unit_cover with one delete and one insert: the insert marks every counted day dirty.
  await sql`create function report_mark_map_changed() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = 0;
      return null;
    end $$`.execute(db);
  await sql`create trigger unit_cover_report_changed after insert on unit_cover
            for each statement execute function report_mark_map_changed()`.execute(db);

  // A 2025 area's note counts the period's contacts located in its old units (server/domain/reports/area-note.ts): with
  // the day in the key, the count reads only the period's index entries (index-only), not every contact those units
  // ever had. Same index count on the intake path as before, entries 8 bytes wider.
  await sql`drop index contacts_location_report_idx`.execute(db);
  await sql`create index contacts_location_report_idx on contacts (location_unit_id, received_at) include (id)
            where location_unit_id is not null`.execute(db);

  // The rollups were counted on each unit's own chain: recount every day (the reports worker's next refresh does it;
  // days not yet counted are already logged).
  await sql`insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index contacts_location_report_idx`.execute(db);
  await sql`create index contacts_location_report_idx on contacts (location_unit_id) include (id) where location_unit_id is not null`.execute(db);
  await sql`drop trigger unit_cover_report_changed on unit_cover`.execute(db);
  await sql`drop function report_mark_map_changed()`.execute(db);
  await sql`drop view report_unit_province`.execute(db);
  await sql`drop view report_unit_area`.execute(db);
  await sql`insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = 0`.execute(db);
}
