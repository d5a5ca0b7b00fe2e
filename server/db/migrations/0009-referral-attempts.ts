import { sql, type Kysely } from 'kysely';

/**
 * referrals.attempt: a supervisor may give a case back to an agency that already had it on the same track (it
 * declined, or let it expire). That is a new attempt, so the idempotency key of routing becomes
 * (contact, track, agency, attempt): the routing worker always writes attempt 1, so a duplicate or retried job
 * still meets the key and writes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('referrals').addColumn('attempt', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`attempt >= 1`)).execute();
  await sql`drop index referrals_contact_track_agency_key`.execute(db);
  await sql`create unique index referrals_contact_track_agency_key on referrals (contact_id, track, agency_id, attempt) where agency_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referrals_contact_track_agency_key`.execute(db);
  // Later attempts would break the old key: only the first one of each agency keeps its place in it.
  await sql`create unique index referrals_contact_track_agency_key on referrals (contact_id, track, agency_id) where agency_id is not null and attempt = 1`.execute(db);
  await db.schema.alterTable('referrals').dropColumn('attempt').execute();
}
