import { sql } from 'kysely';
import { encodeAuditCursor, vnMidnight, type AuditEntryView, type AuditFilters, type AuditPage } from '../../../shared/index.js';
import type { Database } from '../../db/database.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { safeDetails } from './safe-details.js';

export interface Cursor {
  at: string;
  id: string;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The entries that match, newest first (time, then id: a stable order), from just after `cursor`. Each filter is
 * the leading column of an index ordered by (at, id) (migration 0016), so a page is one index range read backwards,
 * however many millions of entries the log holds.
 */
function matching(db: Database, f: AuditFilters, cursor: Cursor | undefined, limit: number) {
  let q = db.selectFrom('audit_log as a')
    .select(['a.id', 'a.actor_user_id', 'a.actor_role', 'a.action', 'a.entity_type', 'a.entity_id', 'a.contact_id', 'a.agency_id', 'a.ip', 'a.details'])
    .select(sql<string>`to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_text'))
    .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit);
  if (f.person) q = q.where('a.actor_user_id', '=', f.person);
  if (f.action) q = q.where('a.action', 'in', f.action);
  if (f.case) q = q.where('a.contact_id', '=', f.case);
  if (f.agency) q = q.where('a.agency_id', '=', f.agency);
  if (f.from) q = q.where('a.at', '>=', vnMidnight(f.from));
  if (f.to) q = q.where('a.at', '<', vnMidnight(nextDay(f.to)));
  if (cursor) q = q.where(sql<boolean>`(a.at, a.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`);
  return q;
}

/** The statement of one page (one more row than asked, to know whether another page follows); bench:audit explains it. */
export function auditPageQuery(db: Database, f: AuditFilters, cursor: Cursor | undefined, limit: number) {
  return db.selectFrom(matching(db, f, cursor, limit + 1).as('p'))
    .leftJoin('users as u', 'u.id', 'p.actor_user_id')
    .leftJoin('agencies as ag', 'ag.id', 'p.agency_id')
    .selectAll('p')
    .select(['u.display_name', 'u.username', 'ag.name as agency_name'])
    .orderBy('p.at_text', 'desc').orderBy('p.id', 'desc');
}

/** One page: the matching entries with who did it and the agency's name, and the cursor of the next page. */
export async function auditPage(db: Database, f: AuditFilters, cursor: Cursor | undefined, limit: number): Promise<AuditPage> {
  const rows = await auditPageQuery(db, f, cursor, limit).execute();
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map((r): AuditEntryView => ({
    id: Number(r.id),
    at: r.at_text,
    actor: r.actor_user_id == null ? null : { id: r.actor_user_id, displayName: r.display_name ?? '', username: r.username ?? '' },
    actorRole: r.actor_role,
    action: r.action,
    caseRef: r.contact_id == null ? null : contactRef(r.contact_id),
    contactId: r.contact_id,
    referralId: r.entity_type === 'referral' && r.entity_id ? Number(r.entity_id) : null,
    agency: r.agency_id == null ? null : { id: r.agency_id, name: r.agency_name ?? '' },
    entityType: r.entity_type,
    entityId: r.entity_id,
    ip: r.ip,
    details: safeDetails(r.details),
  }));
  const last = entries.at(-1);
  return { entries, nextCursor: more && last ? encodeAuditCursor(last.at, last.id) : null };
}

/** Every matching entry, a batch at a time (keyset, as the pages), up to `max`: what the CSV export streams. */
export async function* auditBatches(db: Database, f: AuditFilters, max: number, batch = 1000): AsyncGenerator<AuditEntryView[]> {
  let cursor: Cursor | undefined;
  let left = max;
  while (left > 0) {
    const page = await auditPage(db, f, cursor, Math.min(batch, left));
    if (page.entries.length) yield page.entries;
    left -= page.entries.length;
    const last = page.entries.at(-1);
    if (!page.nextCursor || !last) return;
    cursor = { at: last.at, id: String(last.id) };
  }
}
