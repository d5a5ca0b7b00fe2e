import { sql, type RawBuilder } from 'kysely';
import { OPEN_REFERRAL_STATUSES, type CaseLink, type CaseStatus } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { contactRef } from '../contacts/contacts.repo.js';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** The ids of a case's contacts (its first and its follow-ups), for `in (…)`: the primary key and contacts_case_idx. */
export const caseContactIds = (rootId: number | RawBuilder<unknown>) =>
  sql`(select cc.id from contacts cc where cc.id = ${rootId} or cc.case_contact_id = ${rootId})`;

/** A case is named by its first contact: a follow-up's case_contact_id, or the contact itself. */
export async function caseRootOf(db: Executor, contactId: number): Promise<number | null> {
  const r = await db.selectFrom('contacts').select(['id', 'case_contact_id']).where('id', '=', contactId).executeTakeFirst();
  return r ? (r.case_contact_id ?? r.id) : null;
}

/**
 * The case's status: open while any of its referrals (those of its first contact and of a follow-up that reopened
 * it) is open; closed otherwise, at its last referral's closure (or, for a case that was never referred, when its
 * last contact was wrapped up). A case still being taken is open.
 */
export async function caseState(db: Executor, rootId: number): Promise<{ status: CaseStatus; closedAt: string | null }> {
  const r = await sql<{ open_refs: number; refs: number; last_ref_closed: Date | null; open_contacts: number; last_contact_closed: Date | null }>`
    select
      (select count(*)::int from referrals r where r.contact_id in ${caseContactIds(rootId)} and r.status in (${sql.join(OPEN_REFERRAL_STATUSES)})) as open_refs,
      (select count(*)::int from referrals r where r.contact_id in ${caseContactIds(rootId)}) as refs,
      (select max(coalesce(r.closed_at, r.updated_at)) from referrals r where r.contact_id in ${caseContactIds(rootId)}) as last_ref_closed,
      (select count(*)::int from contacts c where (c.id = ${rootId} or c.case_contact_id = ${rootId}) and c.status <> 'closed') as open_contacts,
      (select max(c.closed_at) from contacts c where c.id = ${rootId} or c.case_contact_id = ${rootId}) as last_contact_closed`.execute(db);
  const s = r.rows[0]!;
  if (s.open_refs > 0 || (s.refs === 0 && s.open_contacts > 0)) return { status: 'open', closedAt: null };
  return { status: 'closed', closedAt: iso(s.refs > 0 ? s.last_ref_closed : s.last_contact_closed) };
}

export async function caseLink(db: Executor, rootId: number): Promise<CaseLink> {
  return { id: rootId, ref: contactRef(rootId), status: (await caseState(db, rootId)).status };
}

/** Attaches (caseId) or detaches (null) a contact still in progress under this operator; false when it is not. */
export async function setCase(db: Executor, contactId: number, userId: number, caseId: number | null): Promise<boolean> {
  const r = await db
    .updateTable('contacts')
    .set({ case_contact_id: caseId })
    .where('id', '=', contactId)
    .where('status', '=', 'in_progress')
    .where('claimed_by', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The case's contacts, first call first; a follow-up with a routing request of its own reopened the case. */
export function caseContacts(db: Executor, rootId: number) {
  return db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.closed_by')
    .select(['c.id', 'c.received_at', 'c.channel', 'c.status', 'c.call_type', 'c.classification', 'u.display_name'])
    .select(sql<boolean>`c.id <> ${rootId} and exists (select 1 from routing_requests rr where rr.contact_id = c.id)`.as('reopened'))
    .where((eb) => eb.or([eb('c.id', '=', rootId), eb('c.case_contact_id', '=', rootId)]))
    .orderBy('c.received_at')
    .orderBy('c.id')
    .execute();
}
