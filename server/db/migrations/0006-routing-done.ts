import { sql, type Kysely } from 'kysely';

/**
 * routing_requests.routed_at: when the routing worker finished the case. Until then the relay keeps checking that
 * its job still exists in Redis (which keeps nothing on disk), and sends it again if Redis lost it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('routing_requests').addColumn('routed_at', 'timestamptz').execute();
  // Requests whose case already has referrals were routed before this column existed.
  await sql`update routing_requests rr set routed_at = coalesce(rr.enqueued_at, rr.created_at)
            where exists (select 1 from referrals r where r.contact_id = rr.contact_id)`.execute(db);
  await sql`create index routing_requests_unrouted_idx on routing_requests (enqueued_at) where routed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('routing_requests').dropColumn('routed_at').execute();
}
