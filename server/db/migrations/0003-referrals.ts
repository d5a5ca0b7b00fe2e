import { sql, type Kysely } from 'kysely';

/** Routing rules as data, referrals with their timeline and the support given, and the victim's home unit. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('home_unit_id', 'integer', (c) => c.references('admin_units.id')).execute();

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull().check(sql`track in ('primary','police','shelter','border_guard')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('targets', 'jsonb', (c) => c.notNull())
    .addColumn('on_exhausted', 'text', (c) => c.notNull().defaultTo('supervisor').check(sql`on_exhausted in ('supervisor','skip')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('track', 'text', (c) => c.notNull().check(sql`track in ('primary','police','shelter','border_guard')`))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','accepted','in_progress','declined','expired','closed','needs_supervisor','cancelled')`),
    )
    .addColumn('priority', 'text', (c) =>
      c.notNull().check(sql`priority in ('urgent','trafficking','suspected_trafficking','other_child_protection')`),
    )
    .addColumn('rule_id', 'integer', (c) => c.references('routing_rules.id'))
    .addColumn('target_index', 'integer')
    .addColumn('why', 'jsonb', (c) => c.notNull())
    .addColumn('previous_referral_id', 'bigint', (c) => c.references('referrals.id'))
    .addColumn('decline_reason', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('successful','not_successful')`))
    .addColumn('outcome_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('first_action_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('referrals_agency_unless_supervisor', sql`(agency_id is null) = (status = 'needs_supervisor')`)
    .execute();
  // Idempotency: never a second referral for the same contact, track and agency (a duplicate or retried job).
  await sql`create unique index referrals_contact_track_agency_key on referrals (contact_id, track, agency_id) where agency_id is not null`.execute(db);
  // At most one live referral per contact and track: a chain moves forward, it never forks.
  await sql`create unique index referrals_one_open_per_track on referrals (contact_id, track)
            where status in ('pending','accepted','in_progress','needs_supervisor')`.execute(db);
  await db.schema.createIndex('referrals_agency_status_idx').on('referrals').columns(['agency_id', 'status', 'created_at']).execute();
  await sql`create index referrals_supervisor_idx on referrals (created_at) where status = 'needs_supervisor'`.execute(db);

  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('referral_id', 'bigint', (c) => c.notNull().references('referrals.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex('referral_events_referral_idx').on('referral_events').columns(['referral_id', 'id']).execute();

  await db.schema
    .createTable('referral_support')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('referral_id', 'bigint', (c) => c.notNull().references('referrals.id'))
    .addColumn('regime', 'text', (c) => c.notNull().check(sql`regime in ('a','b','c','d','dd','e','g','h','i','k')`))
    .addColumn('given_on', 'date', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('referral_support_referral_idx').on('referral_support').column('referral_id').execute();

  await db.schema.alterTable('notifications').addColumn('referral_id', 'bigint', (c) => c.references('referrals.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('referral_id').execute();
  for (const t of ['referral_support', 'referral_events', 'referrals', 'routing_rules']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('contacts').dropColumn('home_unit_id').execute();
}
