import { sql, type Kysely } from 'kysely';

/** SLA policies as data, holiday overrides, one clock per referral and deadline, its pauses, and escalations. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sla_policies')
    .addColumn('priority', 'text', (c) => c.primaryKey().check(sql`priority in ('urgent','trafficking','suspected_trafficking','other_child_protection')`))
    .addColumn('targets', 'jsonb', (c) => c.notNull())
    .addColumn('calendar', 'jsonb', (c) => c.notNull())
    .addColumn('warn_percent', 'integer', (c) => c.notNull().check(sql`warn_percent between 1 and 99`))
    .addColumn('supervisor_after_percent', 'integer', (c) => c.notNull().check(sql`supervisor_after_percent between 0 and 1000`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('holiday_overrides')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('date', 'date', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sla_clocks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('referral_id', 'bigint', (c) => c.notNull().references('referrals.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('acknowledge','first_action','close','reroute')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running','paused','met','breached','stopped')`))
    .addColumn('priority', 'text', (c) => c.notNull())
    // The policy as it was when the clock started: a later policy edit never moves a running deadline.
    .addColumn('target', 'jsonb', (c) => c.notNull())
    .addColumn('calendar', 'jsonb') // null: wall-clock time, 24/7
    .addColumn('warn_percent', 'integer')
    .addColumn('supervisor_after_percent', 'integer')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('warn_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('escalate_at', 'timestamptz')
    // The next moment something happens to this clock (warning, breach, supervisor step); null when nothing will.
    .addColumn('next_at', 'timestamptz')
    .addColumn('warned_at', 'timestamptz')
    .addColumn('breached_at', 'timestamptz')
    .addColumn('met_at', 'timestamptz')
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('escalation_level', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`escalation_level between 0 and 2`))
    .addColumn('paused_at', 'timestamptz')
    .addColumn('pause_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sla_clocks_referral_kind_key', ['referral_id', 'kind'])
    .addCheckConstraint('sla_clocks_paused_has_reason', sql`(state = 'paused') = (paused_at is not null and pause_reason is not null)`)
    .execute();
  await sql`create index sla_clocks_next_at_idx on sla_clocks (next_at) where next_at is not null`.execute(db);
  await sql`create index sla_clocks_open_idx on sla_clocks (referral_id) where state in ('running','paused','breached')`.execute(db);
  await sql`create index sla_clocks_finished_idx on sla_clocks (coalesce(met_at, breached_at)) where kind <> 'reroute'`.execute(db);

  await db.schema
    .createTable('sla_clock_pauses')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('clock_id', 'bigint', (c) => c.notNull().references('sla_clocks.id'))
    .addColumn('paused_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paused_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resumed_at', 'timestamptz')
    .addColumn('resumed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resume_note', 'text')
    .execute();
  await db.schema.createIndex('sla_clock_pauses_clock_idx').on('sla_clock_pauses').column('clock_id').execute();

  await db.schema
    .createTable('sla_escalations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('clock_id', 'bigint', (c) => c.notNull().references('sla_clocks.id'))
    .addColumn('referral_id', 'bigint', (c) => c.notNull().references('referrals.id'))
    .addColumn('level', 'smallint', (c) => c.notNull().check(sql`level in (1, 2)`))
    .addColumn('to_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolution', 'text')
    // Each step of a clock's escalation happens once, however many workers race for it.
    .addUniqueConstraint('sla_escalations_clock_level_key', ['clock_id', 'level'])
    .execute();
  await sql`create index sla_escalations_open_idx on sla_escalations (created_at) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sla_escalations', 'sla_clock_pauses', 'sla_clocks', 'holiday_overrides', 'sla_policies']) await db.schema.dropTable(t).execute();
}
