import type { ContactDetail, SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactDetail } from '../contacts/contact-detail.js';
import { getContactRow, type ContactRow } from '../contacts/contacts.repo.js';
import { mayAttachTo } from '../disclosure/disclosure.js';
import { contactFacts } from '../disclosure/grants.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { setCase } from './cases.repo.js';

type Actor = { user: SessionUser; origin: RequestOrigin };

/**
 * A follow-up joins its case (issue 17): the operator handling a contact attaches it to an earlier, wrapped-up case
 * they may see (disclosure.ts mayAttachTo), or detaches it. Attached, its wrap-up writes no routing request: the
 * case's open referrals get its information instead (contacts/wrap-up-write.ts). Both are audited.
 */
export function createCaseAttach(ctx: Pick<AppContext, 'db' | 'crypto'>) {
  const { db, crypto } = ctx;

  async function handled(id: number, user: SessionUser): Promise<ContactRow> {
    const row = await getContactRow(db, id);
    if (!row) throw new NotFoundError('no such contact');
    if (row.status === 'closed') throw new ConflictError('this contact is already wrapped up', { id: 'already wrapped up' });
    if (row.claimed_by !== user.id) throw new ConflictError('claim this contact first', { id: 'not yours: claim this contact first' });
    return row;
  }

  /** The case's first contact, if the viewer may attach this contact to it; otherwise a 4xx naming caseId. */
  async function target(row: ContactRow, caseId: number, user: SessionUser): Promise<number> {
    const given = await getContactRow(db, caseId);
    if (!given || given.training !== row.training) throw new ValidationError('no such case', { caseId: 'no such case' });
    const rootId = given.case_contact_id ?? given.id;
    const root = rootId === given.id ? given : (await getContactRow(db, rootId))!;
    if (root.id === row.id) throw new ValidationError('a contact cannot be its own follow-up', { caseId: 'this is the contact itself' });
    if (root.status !== 'closed' || !root.classification) throw new ValidationError('not a wrapped-up case', { caseId: 'not a wrapped-up case yet' });
    const sameCaller = row.caller_phone_hash != null && row.caller_phone_hash === root.caller_phone_hash;
    const facts = await contactFacts(db, root.id, user);
    if (!facts || !mayAttachTo(user, facts, sameCaller))
      throw new ForbiddenError('not a case you may see: another number, without a supervisor’s grant', { caseId: 'not a case you may see' });
    return root.id;
  }

  /** The change and its audit entry together; the contact as its handler now sees it. */
  async function link(id: number, caseId: number | null, actor: Actor, action: string, audited: number): Promise<ContactDetail> {
    await db.transaction().execute(async (tx) => {
      if (!(await setCase(tx, id, actor.user.id, caseId))) throw new ConflictError('this contact is no longer yours', { id: 'no longer yours' });
      await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action, entityType: 'contact', entityId: id, ...actor.origin, details: { caseId: audited } });
    });
    return contactDetail(db, crypto, (await getContactRow(db, id))!);
  }

  return {
    async attach(id: number, caseId: number, actor: Actor): Promise<ContactDetail> {
      const row = await handled(id, actor.user);
      const rootId = await target(row, caseId, actor.user);
      return link(id, rootId, actor, 'contact.attach_case', rootId);
    },

    async detach(id: number, actor: Actor): Promise<ContactDetail> {
      const row = await handled(id, actor.user);
      if (row.case_contact_id == null) return contactDetail(db, crypto, row);
      return link(id, null, actor, 'contact.detach_case', row.case_contact_id);
    },
  };
}
