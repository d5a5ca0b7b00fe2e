import { sql, type Kysely } from 'kysely';

/**
 * Issue 17, cases that group contacts. A follow-up contact (the victim calling back, new information) is attached to
 * the case it belongs to: case_contact_id names the case's first contact (null: the contact is its own case, or
 * not attached). The case keeps its referrals; a follow-up gets none of its own. The index reads a case's contacts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('case_contact_id', 'bigint', (c) => c.references('contacts.id')).execute();
  await sql`create index contacts_case_idx on contacts (case_contact_id, received_at) where case_contact_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists contacts_case_idx`.execute(db);
  await db.schema.alterTable('contacts').dropColumn('case_contact_id').execute();
}
