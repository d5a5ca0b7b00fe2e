import { sql, type Kysely } from 'kysely';

/**
 * The phone line (issue 14): operators' status and endpoint, call offers (push distribution), what happened to each
 * call (waited, answered, recorded, left a message), the training line's simulated calls, and callbacks of missed
 * calls with their own SLA clock (sla_clocks gains callback_id; a clock belongs to a referral or to a callback).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('voice_device', 'text', (c) => c.notNull().defaultTo('softphone').check(sql`voice_device in ('softphone','phone','sip')`))
    .addColumn('voice_address', 'text')
    .execute();

  await db.schema
    .createTable('operator_status')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('available','on_call','wrap_up','break','offline')`))
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    // Idle ordering: the operator who became available longest ago is offered the next call.
    .addColumn('available_since', 'timestamptz')
    .addColumn('wrap_up_contact_id', 'bigint', (c) => c.references('contacts.id'))
    .addColumn('wrap_up_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index operator_status_available_idx on operator_status (available_since) where status = 'available'`.execute(db);

  await db.schema
    .createTable('call_offers')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('ringing').check(sql`state in ('ringing','accepted','declined','expired','cancelled')`))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // Exactly one operator is offered a call at a time, and an operator is offered one call at a time.
  await sql`create unique index call_offers_ringing_contact_key on call_offers (contact_id) where state = 'ringing'`.execute(db);
  await sql`create unique index call_offers_ringing_operator_key on call_offers (operator_id) where state = 'ringing'`.execute(db);
  await sql`create index call_offers_expires_idx on call_offers (expires_at) where state = 'ringing'`.execute(db);
  await db.schema.createIndex('call_offers_contact_idx').on('call_offers').columns(['contact_id', 'id']).execute();

  await db.schema
    .alterTable('contacts')
    .addColumn('training', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('queue_result', 'text')
    .addColumn('wait_seconds', 'integer')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('operator_call_sid', 'text')
    .addColumn('conference_sid', 'text')
    .addColumn('recording_sid', 'text')
    .addColumn('recording_status', 'text')
    .addColumn('recording_seconds', 'integer')
    .addColumn('recording_deleted_at', 'timestamptz')
    .addColumn('voicemail', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // Statistics leave the training line's calls out: this finds them at once (there are none where Twilio is set up).
  await sql`create index contacts_training_idx on contacts (id) where training`.execute(db);
  // The calls waiting for an operator: what distribution scans on every call, answer and hang-up.
  await sql`create index contacts_waiting_calls_idx on contacts (received_at)
            where channel = 'voice' and status = 'queued' and claimed_by is null and ended_at is null`.execute(db);
  await sql`create index contacts_recordings_idx on contacts (answered_at)
            where recording_sid is not null and recording_deleted_at is null`.execute(db);

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().unique().references('contacts.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('abandoned_ringing','abandoned_queue','voicemail','dropped')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','reached','failed','wrong_number','cancelled')`))
    .addColumn('attempts', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await sql`create index callbacks_open_idx on callbacks (created_at) where status = 'open'`.execute(db);

  await db.schema
    .createTable('callback_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('callback_id', 'bigint', (c) => c.notNull().references('callbacks.id'))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('call_sid', 'text', (c) => c.unique())
    .addColumn('dial_status', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('reached','no_answer','wrong_number')`))
    .execute();
  await db.schema.createIndex('callback_attempts_callback_idx').on('callback_attempts').columns(['callback_id', 'id']).execute();

  // A clock belongs to a referral or to a callback (its first attempt: kind 'callback').
  await sql`alter table sla_clocks alter column referral_id drop not null`.execute(db);
  await db.schema.alterTable('sla_clocks').addColumn('callback_id', 'bigint', (c) => c.references('callbacks.id')).execute();
  await sql`alter table sla_clocks add constraint sla_clocks_one_owner check ((referral_id is null) <> (callback_id is null))`.execute(db);
  await sql`alter table sla_clocks drop constraint sla_clocks_kind_check`.execute(db);
  await sql`alter table sla_clocks add constraint sla_clocks_kind_check check (kind in ('acknowledge','first_action','close','reroute','callback'))`.execute(db);
  await sql`create unique index sla_clocks_callback_kind_key on sla_clocks (callback_id, kind) where callback_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from sla_clocks where callback_id is not null`.execute(db);
  await sql`drop index sla_clocks_callback_kind_key`.execute(db);
  await sql`alter table sla_clocks drop constraint sla_clocks_kind_check`.execute(db);
  await sql`alter table sla_clocks add constraint sla_clocks_kind_check check (kind in ('acknowledge','first_action','close','reroute'))`.execute(db);
  await sql`alter table sla_clocks drop constraint sla_clocks_one_owner`.execute(db);
  await db.schema.alterTable('sla_clocks').dropColumn('callback_id').execute();
  await sql`alter table sla_clocks alter column referral_id set not null`.execute(db);
  for (const t of ['callback_attempts', 'callbacks', 'call_offers', 'operator_status']) await db.schema.dropTable(t).execute();
  await sql`drop index contacts_waiting_calls_idx`.execute(db);
  await sql`drop index contacts_training_idx`.execute(db);
  await sql`drop index contacts_recordings_idx`.execute(db);
  for (const c of ['training', 'queue_result', 'wait_seconds', 'answered_at', 'answered_by', 'operator_call_sid', 'conference_sid',
    'recording_sid', 'recording_status', 'recording_seconds', 'recording_deleted_at', 'voicemail'])
    await db.schema.alterTable('contacts').dropColumn(c).execute();
  await db.schema.alterTable('users').dropColumn('voice_device').dropColumn('voice_address').execute();
}
