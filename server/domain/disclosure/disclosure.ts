import { ROOMS, type Consent, type ReferralStatus, type ReferralSummary, type ReferralTrack, type SessionUser } from '../../../shared/index.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';

/**
 * THE disclosure decision (architecture point 14): who may see a case's identity (caller number, narrative,
 * victims' particulars, the conversation) and the free text people typed about it (reasons, notes, resolutions).
 * Every read path asks it: contact and referral details, referral lists, the supervisor's board and escalations,
 * live events. Statistics and exports show neither identity nor free text: they count, never quote.
 *
 * - Supervisors hold the record (every view is audited by the caller).
 * - Operators see a case while they handle it (claimed, in progress), or while a supervisor's grant for them runs
 *   (disclosure_grants). The repeat-caller history of the contact they handle is a list without identity.
 * - Agency officers (Art. 3.10): only their own agency's referrals, with the victim's or representative's consent
 *   and after accepting; the police acting on immediate danger at once.
 */
export type Withheld = 'no_consent' | 'not_accepted' | 'not_handling';
export type Decision = 'disclose' | Withheld;

/** What the decision needs to know about a case, read through its contact or one of its referrals. */
export interface CaseFacts {
  /** The operator handling the contact now (claimed and in progress), else null. */
  handlerId: number | null;
  /** A supervisor's grant to this viewer for this contact is in force. */
  granted: boolean;
  /** The referral the case is read through (null when read as a contact). */
  referral: { agencyId: number | null; track: ReferralTrack; immediateDanger: boolean; consent: Consent; status: ReferralStatus } | null;
}

const ACCEPTED: readonly ReferralStatus[] = ['accepted', 'in_progress', 'closed'];

export function decide(viewer: SessionUser, c: CaseFacts): Decision {
  switch (viewer.role) {
    case 'supervisor':
      return 'disclose';
    case 'operator':
      return c.handlerId === viewer.id || c.granted ? 'disclose' : 'not_handling';
    case 'agency_officer': {
      const r = c.referral;
      if (!r || r.agencyId == null || r.agencyId !== viewer.agencyId) return 'not_handling';
      if (r.track === 'police' && r.immediateDanger) return 'disclose';
      if (r.consent === 'none') return 'no_consent';
      return ACCEPTED.includes(r.status) ? 'disclose' : 'not_accepted';
    }
    default:
      return 'not_handling';
  }
}

/**
 * Which earlier case the operator handling a contact may attach it to (issue 17, a follow-up): one from the repeat-caller
 * history of the contact they handle (the same number: the list they already see), or one the decision discloses to
 * them (a supervisor; an operator a supervisor granted it). Attaching shows the case's history and sends the
 * follow-up's text to its agencies, so a mistyped reference to a stranger's case is refused.
 */
export function mayAttachTo(viewer: SessionUser, target: CaseFacts, sameCaller: boolean): boolean {
  return sameCaller || decide(viewer, target) === 'disclose';
}

/** Facts for a reader that needs none (a supervisor's board): the decision then rests on the role alone. */
export const NO_FACTS: CaseFacts = { handlerId: null, granted: false, referral: null };

/**
 * Free text is personal data like the narrative: shown when the decision discloses the case, and to the agency
 * that wrote it (an officer reads the reason it gave for declining, even for a case without consent).
 */
export function showsText(viewer: SessionUser, decision: Decision, writerAgencyId: number | null): boolean {
  if (decision === 'disclose') return true;
  return viewer.role === 'agency_officer' && writerAgencyId != null && writerAgencyId === viewer.agencyId;
}

/** Decrypts a stored free-text value for this viewer, or gives null: the one way views read free text. */
export interface TextReader {
  read(stored: string | null | undefined, writerAgencyId?: number | null): string | null;
}

export function textReader(crypto: FieldCrypto, viewer: SessionUser, decision: Decision): TextReader {
  return { read: (stored, writer = null) => (stored != null && showsText(viewer, decision, writer) ? crypto.decrypt(stored) : null) };
}

/** For what goes through Redis (live events) or to no one in particular: no free text at all. */
export const NO_TEXT: TextReader = { read: () => null };

/**
 * Live referral events go only to rooms that may read the referral (the supervisors and its own agency) and carry
 * the summary without free text (ReferralSummary holds no identity; consoles re-read details through REST).
 */
export function referralAudience(s: Pick<ReferralSummary, 'agency'>): string[] {
  return [ROOMS.supervisors, ...(s.agency ? [ROOMS.agency(s.agency.id)] : [])];
}

export function liveSummary(s: ReferralSummary): ReferralSummary {
  return { ...s, clocks: s.clocks.map((c) => ({ ...c, pauseReason: null })) };
}
