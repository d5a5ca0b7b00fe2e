import { sql, type Kysely } from 'kysely';

/**
 * The agency inbox, paged (issue 17): an officer reads every referral of the agency, a tab at a time (new, in
 * progress, finished), urgent new ones first, then newest first. The index holds exactly that order, so a page is
 * a short index range (keyset paging, referrals/referral-inbox.ts, whose expressions must stay identical to these)
 * and each tab's count an index-only scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index referrals_inbox_idx on referrals (
    agency_id,
    (case when status = 'pending' then 0 when status in ('accepted', 'in_progress') then 1 else 2 end),
    (status = 'pending' and priority = 'urgent') desc,
    created_at desc,
    id desc
  ) where agency_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists referrals_inbox_idx`.execute(db);
}
