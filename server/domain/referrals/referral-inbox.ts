import { sql } from 'kysely';
import { encodeInboxCursor, INBOX_TABS, type InboxCursor, type InboxPage, type InboxTab, type SessionUser } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { scopedReferrals, viewRow } from './referral-views.js';

/*
 * The expressions of the index referrals_inbox_idx (migration 0020), written the same way so the planner matches
 * them: the inbox tab of a status, and "urgent and still new". A page is then one range of that index.
 */
const TAB = sql<number>`(case when r.status = 'pending' then 0 when r.status in ('accepted', 'in_progress') then 1 else 2 end)`;
const URGENT_NEW = sql<boolean>`(r.status = 'pending' and r.priority = 'urgent')`;
const AT_TEXT = sql<string>`to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface InboxRequest {
  tab: InboxTab;
  limit: number;
  after?: InboxCursor;
}

/** The statement of one page (one row more than asked, to know whether another follows); tests explain it. */
export function inboxPageQuery(db: Executor, viewer: SessionUser, p: InboxRequest) {
  let q = scopedReferrals(db, viewer)
    .select([URGENT_NEW.as('urgent_new'), AT_TEXT.as('at_text')])
    .where('r.agency_id', '=', viewer.agencyId ?? -1)
    .where(sql<boolean>`${TAB} = ${INBOX_TABS.indexOf(p.tab)}`);
  if (p.after) q = q.where(sql<boolean>`(${URGENT_NEW}, r.created_at, r.id) < (${p.after.urgent}, ${p.after.at}::timestamptz, ${p.after.id}::bigint)`);
  return q.orderBy(sql`${URGENT_NEW} desc, r.created_at desc, r.id desc`).limit(p.limit + 1);
}

/** Every tab's count and the urgent new ones of the officer's agency (an index-only scan of the same index). */
async function inboxCounts(db: Executor, agencyId: number) {
  const rows = await sql<{ tab: number; n: string; urgent: string }>`
    select ${TAB} as tab, count(*) as n, count(*) filter (where ${URGENT_NEW}) as urgent
    from referrals r where r.agency_id = ${agencyId} group by 1`.execute(db);
  const counts = { new: 0, active: 0, closed: 0 };
  let urgentNew = 0;
  for (const r of rows.rows) {
    counts[INBOX_TABS[r.tab]!] = Number(r.n);
    urgentNew += Number(r.urgent);
  }
  return { counts, urgentNew };
}

/**
 * One page of an agency officer's inbox tab: urgent new referrals first, then newest first (ties by id, so pages
 * neither overlap nor skip), only the officer's own agency's, with the tab's real total and every tab's count.
 */
export async function inboxPage(db: Executor, crypto: FieldCrypto, viewer: SessionUser, p: InboxRequest): Promise<InboxPage> {
  const [rows, { counts, urgentNew }] = await Promise.all([inboxPageQuery(db, viewer, p).execute(), inboxCounts(db, viewer.agencyId ?? -1)]);
  const page = rows.slice(0, p.limit);
  const last = page[page.length - 1];
  return {
    referrals: page.map((r) => viewRow(crypto, viewer, r).summary),
    tab: p.tab,
    total: counts[p.tab],
    counts,
    urgentNew,
    limit: p.limit,
    next: rows.length > p.limit && last ? encodeInboxCursor({ urgent: last.urgent_new, at: last.at_text, id: String(last.id) }) : null,
  };
}
