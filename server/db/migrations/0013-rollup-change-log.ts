import { sql, type Kysely } from 'kysely';

/**
 * The statistics rollups kept current change by change (issue 16), instead of recounting a whole day every refresh.
 *
 * Triggers on contacts and victims append what changed to two logs, and nothing else: no counter row is touched on
 * the intake path, so writers never wait on each other. The refresh (server/domain/reports/rollup.ts) folds the
 * logs into the rollups: for each contact touched since the last refresh it counts the contact out as the rollups
 * hold it (its fields before the first logged change, its victims as they are now minus the logged victim changes)
 * and in as it is now. So the refresh costs in proportion to the changes, not to the day's volume, and it is exact
 * whatever order one statement changes a contact and its victims in (the wrap-up does both in one statement).
 *
 * - report_contact_changes: a contact inserted ('i'), or updated in a counted field or deleted ('u', 'd') with its
 *   fields before the change. `seq` orders one contact's changes (its row lock orders them).
 * - report_victim_changes: a victim added (+1) or removed (-1), with its contact and counted fields.
 * report_dirty_days stays for what changes a whole day's spread over areas (a unit moved, the unit map rebuilt).
 * Neither log has an index: rows are only appended, then read and deleted wholesale by the refresh.
 * report_rollup_lock: no rows, never written; refreshes LOCK it as their mutex (see rollup.ts). Not a rollup table:
 * a lock on one would wait for its autovacuum, and cancel it.
 */
const FIELDS = ['received_at', 'training', 'channel', 'call_type', 'classification', 'purposes', 'location_kind', 'location_unit_id', 'location_country'];
const fields = sql.raw(FIELDS.join(', '));
const victimFields = sql.raw('contact_id, sex, age_band, ethnicity, nationality');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table report_contact_changes (
    seq bigserial not null,
    contact_id bigint not null,
    kind text not null check (kind in ('i', 'u', 'd')),
    received_at timestamptz, training boolean, channel text, call_type text, classification text, purposes text[],
    location_kind text, location_unit_id integer, location_country text)`.execute(db);
  await sql`create table report_victim_changes (
    contact_id bigint not null, sex text, age_band text, ethnicity text, nationality text, n integer not null)`.execute(db);
  await sql`create table report_rollup_lock ()`.execute(db);

  // The day-level triggers on contacts and victims give way to the change logs (their functions stay for down()).
  for (const t of ['contacts_report_updated', 'contacts_report_deleted', 'contacts_report_inserted']) await sql`drop trigger ${sql.raw(t)} on contacts`.execute(db);
  for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`contact_victims_report_${op}`)} on contact_victims`.execute(db);

  // Statement-level on insert and delete: a bulk statement logs with one insert; a webhook's single row, one row.
  await sql`create function report_log_contacts_inserted() returns trigger language plpgsql as $$
    begin
      insert into report_contact_changes (contact_id, kind) select id, 'i' from new_rows;
      return null;
    end $$`.execute(db);
  await sql`create function report_log_contacts_deleted() returns trigger language plpgsql as $$
    begin
      insert into report_contact_changes (contact_id, kind, ${fields}) select id, 'd', ${fields} from old_rows;
      return null;
    end $$`.execute(db);
  await sql`create function report_log_contact_updated() returns trigger language plpgsql as $$
    begin
      insert into report_contact_changes (contact_id, kind, ${fields})
        values (old.id, 'u', ${sql.raw(FIELDS.map((f) => `old.${f}`).join(', '))});
      return null;
    end $$`.execute(db);
  await sql`create trigger contacts_report_logged_insert after insert on contacts referencing new table as new_rows
            for each statement execute function report_log_contacts_inserted()`.execute(db);
  await sql`create trigger contacts_report_logged_delete after delete on contacts referencing old table as old_rows
            for each statement execute function report_log_contacts_deleted()`.execute(db);
  // Row-level on update, only when a counted field changes: draft autosaves, claims and unread counts cost nothing.
  await sql`create trigger contacts_report_logged_update after update of ${fields} on contacts
            for each row when (${sql.raw(FIELDS.map((f) => `old.${f} is distinct from new.${f}`).join(' or '))})
            execute function report_log_contact_updated()`.execute(db);

  // Victims: what was added and removed (an update is both; one that changes no counted field logs nothing).
  await sql`create function report_log_victims() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into report_victim_changes (${victimFields}, n) select ${victimFields}, 1 from added;
      elsif tg_op = 'DELETE' then
        insert into report_victim_changes (${victimFields}, n) select ${victimFields}, -1 from removed;
      else
        insert into report_victim_changes (${victimFields}, n)
          select ${victimFields}, sum(n) from (
            select ${victimFields}, -1 as n from removed union all select ${victimFields}, 1 from added
          ) x group by 1, 2, 3, 4, 5 having sum(n) <> 0;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger contact_victims_report_logged_insert after insert on contact_victims referencing new table as added
            for each statement execute function report_log_victims()`.execute(db);
  await sql`create trigger contact_victims_report_logged_delete after delete on contact_victims referencing old table as removed
            for each statement execute function report_log_victims()`.execute(db);
  await sql`create trigger contact_victims_report_logged_update after update on contact_victims
            referencing old table as removed new table as added for each statement execute function report_log_victims()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Days with changes not folded yet are recounted by the day-level refresh.
  await sql`insert into report_dirty_days (day)
            select distinct report_day(received_at) from report_contact_changes where received_at is not null
            union select distinct report_day(c.received_at) from contacts c
             where c.id in (select contact_id from report_contact_changes union select contact_id from report_victim_changes)`.execute(db);
  for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`contact_victims_report_logged_${op}`)} on contact_victims`.execute(db);
  for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`contacts_report_logged_${op}`)} on contacts`.execute(db);
  for (const f of ['report_log_victims', 'report_log_contact_updated', 'report_log_contacts_deleted', 'report_log_contacts_inserted'])
    await sql`drop function ${sql.raw(f)}()`.execute(db);
  await sql`drop table report_rollup_lock, report_victim_changes, report_contact_changes`.execute(db);

  // 0005's triggers, as it made them.
  await sql`create trigger contacts_report_inserted after insert on contacts referencing new table as new_rows
            for each statement execute function report_mark_inserted()`.execute(db);
  await sql`create trigger contacts_report_deleted after delete on contacts referencing old table as old_rows
            for each statement execute function report_mark_deleted()`.execute(db);
  await sql`create trigger contacts_report_updated
            after update of received_at, channel, call_type, classification, purposes, location_kind, location_unit_id, location_country on contacts
            for each row when (old.received_at is distinct from new.received_at or old.channel is distinct from new.channel
              or old.call_type is distinct from new.call_type or old.classification is distinct from new.classification
              or old.purposes is distinct from new.purposes or old.location_kind is distinct from new.location_kind
              or old.location_unit_id is distinct from new.location_unit_id or old.location_country is distinct from new.location_country)
            execute function report_mark_updated()`.execute(db);
  for (const op of ['insert', 'update', 'delete'])
    await sql`create trigger ${sql.raw(`contact_victims_report_${op}`)} after ${sql.raw(op)} on contact_victims
              referencing ${sql.raw(op === 'delete' ? 'old' : 'new')} table as changed_rows
              for each statement execute function report_mark_victims()`.execute(db);
}
