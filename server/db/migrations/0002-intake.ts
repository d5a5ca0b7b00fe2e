import { sql, type Kysely } from 'kysely';

/**
 * Contacts (calls and messages), their victims and conversation messages, the routing outbox, and outbound
 * notifications. Personal fields are stored encrypted (*_enc) with a keyed hash for lookups (*_hash).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('voice','sms','whatsapp','walk_in','zalo','app_111','facebook','email','web_chat')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued','in_progress','closed')`))
    .addColumn('twilio_sid', 'text', (c) => c.unique())
    .addColumn('caller_phone_enc', 'text')
    .addColumn('caller_phone_hash', 'text')
    .addColumn('caller_masked', 'text')
    .addColumn('caller_handle_enc', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('claimed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('call_status', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('recording_url', 'text')
    .addColumn('call_type', 'text', (c) =>
      c.check(sql`call_type in ('silent','hang_up','prank','wrong_number','information','counselling','report')`),
    )
    .addColumn('classification', 'text', (c) =>
      c.check(sql`classification in ('trafficking','suspected_trafficking','other_child_protection','not_relevant')`),
    )
    .addColumn('purposes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('indicators', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('needs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('immediate_danger', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('location_kind', 'text', (c) => c.notNull().defaultTo('unknown').check(sql`location_kind in ('unit','abroad','unknown')`))
    .addColumn('location_unit_id', 'integer', (c) => c.references('admin_units.id'))
    .addColumn('location_country', 'text')
    .addColumn('wishes', 'text', (c) => c.check(sql`wishes in ('go_home','shelter','other','unknown')`))
    .addColumn('wishes_note_enc', 'text')
    .addColumn('consent', 'text', (c) => c.notNull().defaultTo('none').check(sql`consent in ('victim','legal_representative','none')`))
    .addColumn('narrative_enc', 'text')
    .addColumn('draft_enc', 'text')
    .addColumn('draft_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('draft_updated_at', 'timestamptz')
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('unread_messages', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('contacts_claim_consistent', sql`(status = 'queued') = (claimed_by is null) or status = 'closed'`)
    .addCheckConstraint(
      'contacts_location_consistent',
      sql`(location_kind = 'unit') = (location_unit_id is not null) and (location_kind = 'abroad') = (location_country is not null)`,
    )
    .execute();
  await sql`create index contacts_open_idx on contacts (received_at) where status <> 'closed'`.execute(db);
  await db.schema.createIndex('contacts_caller_hash_idx').on('contacts').columns(['caller_phone_hash', 'received_at']).execute();
  await db.schema.createIndex('contacts_received_idx').on('contacts').column('received_at').execute();
  // One open conversation per sender and channel: messages join it instead of opening a new contact.
  await sql`create unique index contacts_open_conversation_idx on contacts (caller_phone_hash, channel)
            where status <> 'closed' and channel in ('sms','whatsapp')`.execute(db);

  await db.schema
    .createTable('contact_victims')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('female','male','other','unknown')`))
    .addColumn('age', 'integer', (c) => c.check(sql`age between 0 and 120`))
    .addColumn('age_band', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('nationality', 'text')
    .addColumn('under18', 'boolean')
    .addUniqueConstraint('contact_victims_position_key', ['contact_id', 'position'])
    .execute();

  await db.schema
    .createTable('contact_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in','out')`))
    .addColumn('twilio_sid', 'text', (c) => c.unique())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('contact_messages_contact_idx').on('contact_messages').columns(['contact_id', 'id']).execute();

  // Transactional outbox: written with the wrap-up, relayed to the routing queue (ids only).
  await db.schema
    .createTable('routing_requests')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().unique().references('contacts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('enqueued_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index routing_requests_pending_idx on routing_requests (created_at) where enqueued_at is null`.execute(db);

  // Outbound SMS/WhatsApp: through Twilio, or held in the local outbox when no credentials are configured.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms','whatsapp')`))
    .addColumn('to_enc', 'text', (c) => c.notNull())
    .addColumn('to_masked', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued','sent','delivered','undelivered','failed','outbox')`),
    )
    .addColumn('provider_sid', 'text', (c) => c.unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('contact_message_id', 'bigint', (c) => c.references('contact_messages.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notifications_status_idx').on('notifications').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'routing_requests', 'contact_messages', 'contact_victims', 'contacts'])
    await db.schema.dropTable(t).execute();
}
