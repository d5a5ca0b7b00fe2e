import { sql, type Kysely } from 'kysely';

/**
 * The audit log becomes readable (issue 17): every entry says which case (contact) and which agency it concerns, in
 * columns of its own, so "who looked at this case" and "what happened at this agency" are index scans at millions of
 * rows. The keys are derived from what the entry already names, by the database at insert time: the writers stay as
 * they are, and an entry about a referral is filed under its case and its agency as they stood when it was written.
 *
 *   contact  → that contact;   referral → its contact and its agency;   agency → that agency;
 *   otherwise details.agencyId when it is a number (a report's or a statistic's scope, a new officer's agency);
 *   otherwise, for an action by an agency officer, the officer's agency.
 *
 * Every filter of the viewer (person, action, case, agency, period) has an index ordered by (at, id), the viewer's
 * keyset order (newest first; a btree is read backwards).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column contact_id bigint, add column agency_id integer`.execute(db);
  await sql`
    create function audit_log_keys(entity_type text, entity_id text, details jsonb, actor integer, actor_role text,
                                   out contact_id bigint, out agency_id integer)
    language plpgsql stable as $$
    begin
      if entity_type = 'contact' and entity_id ~ '^[0-9]{1,18}$' then
        contact_id := entity_id::bigint;
      elsif entity_type = 'referral' and entity_id ~ '^[0-9]{1,9}$' then
        select r.contact_id, r.agency_id into contact_id, agency_id from referrals r where r.id = entity_id::integer;
      elsif entity_type = 'agency' and entity_id ~ '^[0-9]{1,9}$' then
        agency_id := entity_id::integer;
      end if;
      if agency_id is null and jsonb_typeof(details -> 'agencyId') = 'number' and (details ->> 'agencyId') ~ '^[0-9]{1,9}$' then
        agency_id := (details ->> 'agencyId')::integer;
      end if;
      if agency_id is null and actor_role = 'agency_officer' then
        select u.agency_id into agency_id from users u where u.id = actor;
      end if;
    end $$`.execute(db);
  await sql`
    create function audit_log_fill_keys() returns trigger language plpgsql as $$
    begin
      -- A writer that names the case or the agency itself (a bulk load) is taken at its word.
      if new.contact_id is null and new.agency_id is null then
        select k.contact_id, k.agency_id into new.contact_id, new.agency_id
        from audit_log_keys(new.entity_type, new.entity_id, new.details, new.actor_user_id, new.actor_role) k;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_log_keys before insert on audit_log for each row execute function audit_log_fill_keys()`.execute(db);

  // The history already written gets its keys too. Only the two new, derived columns change, by the schema's owner,
  // inside this migration's transaction: the append-only trigger is set aside for exactly this statement.
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  await sql`
    update audit_log a set contact_id = k.contact_id, agency_id = k.agency_id
    from audit_log b cross join lateral audit_log_keys(b.entity_type, b.entity_id, b.details, b.actor_user_id, b.actor_role) k
    where b.id = a.id and (k.contact_id is not null or k.agency_id is not null)`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);

  await sql`drop index audit_log_actor_idx`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at, id)`.execute(db);
  await sql`create index audit_log_actor_at_idx on audit_log (actor_user_id, at, id)`.execute(db);
  await sql`create index audit_log_action_at_idx on audit_log (action, at, id)`.execute(db);
  await sql`create index audit_log_contact_at_idx on audit_log (contact_id, at, id) where contact_id is not null`.execute(db);
  await sql`create index audit_log_agency_at_idx on audit_log (agency_id, at, id) where agency_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['audit_log_at_idx', 'audit_log_actor_at_idx', 'audit_log_action_at_idx', 'audit_log_contact_at_idx', 'audit_log_agency_at_idx'])
    await sql`drop index ${sql.id(i)}`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_user_id, at)`.execute(db);
  await sql`drop trigger audit_log_keys on audit_log`.execute(db);
  await sql`drop function audit_log_fill_keys`.execute(db);
  await sql`drop function audit_log_keys`.execute(db);
  await sql`alter table audit_log drop column contact_id, drop column agency_id`.execute(db);
}
