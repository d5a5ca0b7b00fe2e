import { sql } from 'kysely';
import type { CaseHistory, ReferralEvent, SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { NotFoundError } from '../errors.js';
import { openedText } from '../referrals/event-text.js';
import { scopedReferrals, viewRow } from '../referrals/referral-views.js';
import { caseContactIds, caseContacts, caseRootOf, caseState } from './cases.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * GET /api/cases/:id (issue 17): a case from its first call to its closure. The contacts as the hotline lists them
 * (date, channel, classification, whether it reopened the case; no identity, no narrative); the referrals of all of
 * them the viewer may read (scopedReferrals: an officer its own agency's only; an officer without one is told "no
 * such case"), each with its events, their free text as the disclosure decision shows it. Every view is audited.
 */
export function createCaseHistory(ctx: Pick<AppContext, 'db' | 'crypto'>) {
  const { db, crypto } = ctx;

  async function eventsOf(ids: number[]) {
    if (!ids.length) return [];
    return db
      .selectFrom('referral_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.referral_id', 'e.at', 'e.type', 'e.details', 'u.display_name'])
      .where('e.referral_id', 'in', ids)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
  }

  return {
    async view(id: number, viewer: SessionUser, origin: RequestOrigin): Promise<CaseHistory> {
      const rootId = await caseRootOf(db, id);
      if (rootId == null) throw new NotFoundError('no such case');
      const rows = await scopedReferrals(db, viewer).where(sql<boolean>`r.contact_id in ${caseContactIds(rootId)}`).orderBy('r.id').execute();
      const hotline = viewer.role === 'operator' || viewer.role === 'supervisor';
      if (!hotline && rows.length === 0) throw new NotFoundError('no such case');
      const [contacts, state, events] = await Promise.all([caseContacts(db, rootId), caseState(db, rootId), eventsOf(rows.map((r) => r.id))]);
      const referrals = rows.map((r) => {
        const { decision, summary } = viewRow(crypto, viewer, r);
        const own = events.filter((e) => e.referral_id === r.id);
        const shown: ReferralEvent[] = own.map((e) => ({
          id: e.id, at: iso(e.at), type: e.type, actor: hotline ? e.display_name : null, details: openedText(crypto, e.details, decision === 'disclose'),
        }));
        return { ...summary, events: shown };
      });
      await writeAudit(db, {
        actorUserId: viewer.id, actorRole: viewer.role, action: 'case.view', entityType: 'contact', entityId: rootId, ...origin,
        details: { contacts: contacts.length, referrals: referrals.length },
      });
      return {
        id: rootId,
        ref: contactRef(rootId),
        ...state,
        contacts: contacts.map((c) => ({
          id: c.id, ref: contactRef(c.id), receivedAt: iso(c.received_at), channel: c.channel, status: c.status, callType: c.call_type,
          classification: c.classification, operator: hotline ? c.display_name : null, first: c.id === rootId, reopened: c.reopened,
        })),
        referrals,
      };
    },
  };
}
