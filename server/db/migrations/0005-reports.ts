import { sql, type Kysely } from 'kysely';

/**
 * Statistics and periodic reports: the generated workbooks, a daily rollup of contacts per area (nation and every
 * unit on the location's chain) kept current through a log of changed days, and indexes for the case-level queries.
 * Why this shape: see the comment at the top of server/domain/reports/stats.queries.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_files')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('label', 'text')
    .addColumn('params', 'jsonb', (c) => c.notNull()) // { from, to, areaId }: what was asked, never victim data
    .addColumn('scope_agency_id', 'integer', (c) => c.references('agencies.id')) // an officer's report covers its agency only
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued','running','done','failed')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'jsonb') // the figures the workbook holds, for the print-friendly page
    .addColumn('file', 'bytea')
    .addColumn('file_name', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('report_files_done_has_file', sql`(status = 'done') = (file is not null)`)
    .execute();
  await db.schema.createIndex('report_files_requested_idx').on('report_files').columns(['requested_by', 'created_at']).execute();
  await db.schema.createIndex('report_files_created_idx').on('report_files').column('created_at').execute();

  // The local day (Vietnam, UTC+7 all year, no daylight saving) of an instant, whatever the session's time zone.
  await sql`create function report_day(ts timestamptz) returns date language sql immutable parallel safe
            as $$ select ((ts at time zone 'UTC') + interval '7 hours')::date $$`.execute(db);

  // Contacts per local day, area and (channel, call type, classification). area_id 0 is the whole country; every
  // other area_id is a unit on the chain of the contact's location (commune, district, province), so any area is
  // one index range. '' stands for "not recorded yet" (a contact not wrapped up).
  await db.schema
    .createTable('report_contact_daily')
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('call_type', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_contact_daily_pkey', ['area_id', 'day', 'channel', 'call_type', 'classification'])
    .execute();
  await db.schema.createIndex('report_contact_daily_day_idx').on('report_contact_daily').column('day').execute();

  // Trafficking and suspected trafficking cases (and their victims) per day, area, classification and one dimension
  // (purpose, destination country, province; '' for the total), and victims of all cases to refer per day, area,
  // classification and one dimension (sex, age band, ethnic group, nationality; '' for the total). Same areas as above.
  await db.schema
    .createTable('report_case_daily')
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('victims', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_case_daily_pkey', ['area_id', 'day', 'classification', 'dim', 'key'])
    .execute();
  await db.schema.createIndex('report_case_daily_day_idx').on('report_case_daily').column('day').execute();
  await db.schema
    .createTable('report_victim_daily')
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_victim_daily_pkey', ['area_id', 'day', 'classification', 'dim', 'key'])
    .execute();
  await db.schema.createIndex('report_victim_daily_day_idx').on('report_victim_daily').column('day').execute();

  // Days whose rollup must be recomputed. Append-only (never an upsert), so writers never wait on each other and
  // a refresh that started before a change can never lose it: it deletes only the rows it saw.
  await db.schema
    .createTable('report_dirty_days')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('day', 'date', (c) => c.notNull())
    .execute();

  await sql`create function report_mark_inserted() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) select distinct report_day(received_at) from new_rows;
      return null;
    end $$`.execute(db);
  await sql`create function report_mark_deleted() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) select distinct report_day(received_at) from old_rows;
      return null;
    end $$`.execute(db);
  await sql`create function report_mark_updated() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) values (report_day(new.received_at));
      if report_day(old.received_at) <> report_day(new.received_at) then
        insert into report_dirty_days (day) values (report_day(old.received_at));
      end if;
      return null;
    end $$`.execute(db);
  // Statement-level on insert: a bulk insert logs each of its days once; a webhook's single row logs one.
  await sql`create trigger contacts_report_inserted after insert on contacts referencing new table as new_rows
            for each statement execute function report_mark_inserted()`.execute(db);
  await sql`create trigger contacts_report_deleted after delete on contacts referencing old table as old_rows
            for each statement execute function report_mark_deleted()`.execute(db);
  // Row-level on update, only when a counted field changes: draft autosaves, claims and unread counts cost nothing.
  await sql`create trigger contacts_report_updated
            after update of received_at, channel, call_type, classification, purposes, location_kind, location_unit_id, location_country on contacts
            for each row when (old.received_at is distinct from new.received_at or old.channel is distinct from new.channel
              or old.call_type is distinct from new.call_type or old.classification is distinct from new.classification
              or old.purposes is distinct from new.purposes or old.location_kind is distinct from new.location_kind
              or old.location_unit_id is distinct from new.location_unit_id or old.location_country is distinct from new.location_country)
            execute function report_mark_updated()`.execute(db);
  // Victims are counted on their contact's day.
  await sql`create function report_mark_victims() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day)
        select distinct report_day(c.received_at) from contacts c where c.id in (select contact_id from changed_rows);
      return null;
    end $$`.execute(db);
  for (const op of ['insert', 'update', 'delete'])
    await sql`create trigger ${sql.raw(`contact_victims_report_${op}`)} after ${sql.raw(op)} on contact_victims
              referencing ${sql.raw(op === 'delete' ? 'old' : 'new')} table as changed_rows
              for each statement execute function report_mark_victims()`.execute(db);
  // A unit moved to another parent: the days on which it had contacts are recounted for its old and new chain.
  await sql`create function report_mark_unit_moved() returns trigger language plpgsql as $$
    begin
      insert into report_dirty_days (day) select distinct day from report_contact_daily where area_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger admin_units_report_moved after update of parent_id on admin_units
            for each row when (old.parent_id is distinct from new.parent_id) execute function report_mark_unit_moved()`.execute(db);

  // Backfill: every day that already has contacts is recounted by the first refresh (the reports worker runs one
  // every few seconds), so this migration stays quick on a large database.
  await sql`insert into report_dirty_days (day) select distinct report_day(received_at) from contacts`.execute(db);

  // Case-level statistics read the base tables directly (cases, victims and referrals are a few percent of contacts),
  // through covering indexes: the queries are answered from the indexes (index-only scans) without visiting the
  // wide contact rows scattered over the whole table.
  await sql`create index contacts_cases_report_idx on contacts (received_at)
            include (id, classification, location_kind, location_country, location_unit_id, purposes)
            where classification in ('trafficking','suspected_trafficking','other_child_protection')`.execute(db);
  await sql`create index contacts_location_report_idx on contacts (location_unit_id) include (id) where location_unit_id is not null`.execute(db);
  await sql`create index contact_victims_report_idx on contact_victims (contact_id) include (sex, age_band, ethnicity, nationality)`.execute(db);
  await db.schema.createIndex('referrals_contact_idx').on('referrals').column('contact_id').execute();
  await sql`create index referrals_created_report_idx on referrals (created_at)
            include (id, contact_id, agency_id, status, outcome, accepted_at, first_action_at, closed_at)`.execute(db);
  await sql`create index referrals_report_idx on referrals (id) include (contact_id, agency_id)`.execute(db);
  // Support counts per regime and the distinct cases reached: the case is copied onto each support record when it is
  // recorded (a referral never changes case), so the count needs no join.
  await sql`alter table referral_support add column contact_id bigint`.execute(db);
  await sql`create function report_support_case() returns trigger language plpgsql as $$
    begin
      select contact_id into new.contact_id from referrals where id = new.referral_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger referral_support_case before insert on referral_support for each row execute function report_support_case()`.execute(db);
  await sql`update referral_support s set contact_id = r.contact_id from referrals r where r.id = s.referral_id`.execute(db);
  await sql`create index referral_support_given_idx on referral_support (given_on) include (regime, contact_id, referral_id)`.execute(db);
  await sql`create index sla_clocks_started_report_idx on sla_clocks (started_at)
            include (referral_id, kind, state, met_at, breached_at) where kind <> 'reroute'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['sla_clocks_started_report_idx', 'referral_support_given_idx', 'referrals_report_idx', 'referrals_created_report_idx', 'referrals_contact_idx',
    'contact_victims_report_idx', 'contacts_location_report_idx', 'contacts_cases_report_idx'])
    await db.schema.dropIndex(i).execute();
  await sql`drop trigger admin_units_report_moved on admin_units`.execute(db);
  await sql`drop trigger referral_support_case on referral_support`.execute(db);
  await sql`drop function report_support_case()`.execute(db);
  await sql`alter table referral_support drop column contact_id`.execute(db);
  for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`contact_victims_report_${op}`)} on contact_victims`.execute(db);
  for (const t of ['contacts_report_updated', 'contacts_report_deleted', 'contacts_report_inserted']) await sql`drop trigger ${sql.raw(t)} on contacts`.execute(db);
  for (const f of ['report_mark_victims', 'report_mark_unit_moved', 'report_mark_updated', 'report_mark_deleted', 'report_mark_inserted'])
    await sql`drop function ${sql.raw(f)}()`.execute(db);
  for (const t of ['report_dirty_days', 'report_victim_daily', 'report_case_daily', 'report_contact_daily', 'report_files']) await db.schema.dropTable(t).execute();
  await sql`drop function report_day(timestamptz)`.execute(db);
}
