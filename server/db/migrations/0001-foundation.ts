import { sql, type Kysely } from 'kysely';

/** Units, agencies and their coverage, users and sessions, and the append-only audit log. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_units')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province','district','commune')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('admin_units.id'))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addUniqueConstraint('admin_units_dataset_code_key', ['dataset', 'code'])
    .addCheckConstraint('admin_units_code_digits', sql`code ~ '^[0-9]{2,5}$'`)
    .execute();
  await db.schema.createIndex('admin_units_parent_idx').on('admin_units').column('parent_id').execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(
        sql`type in ('district_office','commune_committee','provincial_department','shelter','police','border_guard','ngo')`,
      ),
    )
    .addColumn('parent_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('services', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('focal_phones', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('calendar', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"mode":"24x7"}'`))
    .addColumn('shelter_accepted_sexes', sql`text[]`)
    .addColumn('shelter_age_min', 'integer')
    .addColumn('shelter_age_max', 'integer')
    .addColumn('shelter_capacity', 'integer')
    .addColumn('shelter_occupancy', 'integer')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('agencies_not_own_parent', sql`parent_agency_id is null or parent_agency_id <> id`)
    .addCheckConstraint(
      'agencies_shelter_profile',
      sql`(type = 'shelter') = (shelter_capacity is not null)
          and (shelter_occupancy is null or (shelter_occupancy >= 0 and shelter_occupancy <= shelter_capacity))`,
    )
    .execute();
  await db.schema.createIndex('agencies_type_idx').on('agencies').column('type').execute();

  await db.schema
    .createTable('agency_units')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('admin_units.id'))
    .addPrimaryKeyConstraint('agency_units_pkey', ['agency_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('agency_units_unit_idx').on('agency_units').column('unit_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('operator','supervisor','agency_officer','admin')`),
    )
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_agency_iff_officer', sql`(role = 'agency_officer') = (agency_id is not null)`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // keyed hash of the cookie token, never the token
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'at']).execute();
  // Append-only: the database itself refuses to change or remove history.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function audit_log_append_only`.execute(db);
  for (const t of ['sessions', 'users', 'agency_units', 'agencies', 'admin_units']) await db.schema.dropTable(t).execute();
}
