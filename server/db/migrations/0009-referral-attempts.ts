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
  // A case's referrals on a track, newest last: where an escalated case is now (the board), who already had it
  // (the assign form), its timeline. The partial indexes above cannot answer "every referral of this contact".
  await sql`create index referrals_contact_track_idx on referrals (contact_id, track, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referrals_contact_track_idx`.execute(db);
  await db.schema.alterTable('referrals').dropColumn('attempt').execute(); // drops the key on it too
  // Fails while an agency has a case a second time on a track (the old key forbids it): those rows need a decision first.
  await sql`create unique index referrals_contact_track_agency_key on referrals (contact_id, track, agency_id) where agency_id is not null`.execute(db);
}
