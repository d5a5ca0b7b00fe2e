import { sql, type Kysely } from 'kysely';

/**
 * SMS commands from agencies' focal points (issue 18): the short reference code an alert SMS carries, tied to one
 * referral and valid for a while, and one row per command received (idempotent on Twilio's MessageSid). Neither
 * holds the sender's number or the text: the sender as the keyed hash, the outcome as a code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('referral_sms_codes')
    .addColumn('code', 'integer', (c) => c.primaryKey())
    .addColumn('referral_id', 'bigint', (c) => c.notNull().references('referrals.id').onDelete('cascade'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index referral_sms_codes_referral_idx on referral_sms_codes (referral_id, expires_at desc)`.execute(db);

  await db.schema
    .createTable('sms_commands')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('message_sid', 'text', (c) => c.notNull().unique())
    .addColumn('from_hash', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('code', 'integer')
    .addColumn('referral_id', 'bigint', (c) => c.references('referrals.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('outcome', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sms_commands').execute();
  await db.schema.dropTable('referral_sms_codes').execute();
}
