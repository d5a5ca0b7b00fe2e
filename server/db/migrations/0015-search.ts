import { sql, type Kysely } from 'kysely';

/**
 * Issue 17, search. A victim's name, optional, encrypted at rest like the narrative (contact_victims.name_enc), and
 * its blind index: one keyed hash per folded word of the name (server/domain/search/name-index.ts), so a search by
 * name matches hashes and decrypts nothing. The column is new here, so no stored row has a name to index yet: the
 * index is written with every victim from now on (the wrap-up statement).
 *
 * Also the indexes the search reads through: an agency's referrals by contact (an officer's scope), and contacts by
 * date then id (the result order, paged).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact_victims').addColumn('name_enc', 'text').execute();
  await db.schema
    .createTable('victim_name_index')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('victim_id', 'bigint', (c) => c.notNull().references('contact_victims.id').onDelete('cascade'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('victim_name_index_pkey', ['token_hash', 'victim_id'])
    .execute();
  await db.schema.createIndex('victim_name_index_victim_idx').on('victim_name_index').column('victim_id').execute();
  await db.schema.createIndex('referrals_agency_contact_idx').on('referrals').columns(['agency_id', 'contact_id']).execute();
  await sql`create index contacts_search_order_idx on contacts (received_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index contacts_search_order_idx`.execute(db);
  await sql`drop index referrals_agency_contact_idx`.execute(db);
  await db.schema.dropTable('victim_name_index').execute();
  await db.schema.alterTable('contact_victims').dropColumn('name_enc').execute();
}
