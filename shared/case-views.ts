import type { CallType, Channel, Classification, ContactStatus } from './intake.js';
import type { ReferralEvent, ReferralSummary } from './referral-views.js';

/** Open while any of its referrals is still somebody's work; closed otherwise (at its last referral's closure). */
export type CaseStatus = 'open' | 'closed';

/** The case a contact is attached to (a follow-up): identified by its first contact. */
export interface CaseLink {
  id: number;
  ref: string;
  status: CaseStatus;
}

/** One contact of a case, as its history lists it (no identity, no narrative). */
export interface CaseContact {
  id: number;
  ref: string;
  receivedAt: string;
  channel: Channel;
  status: ContactStatus;
  callType: CallType | null;
  classification: Classification | null;
  /** The operator who wrapped it up (the hotline only; null for an agency). */
  operator: string | null;
  /** True for the case's first contact; the others are follow-ups attached to it. */
  first: boolean;
  /**
   * A follow-up that reopened the case: it came when none of the case's referrals was open, so it was routed like a
   * new contact (its referrals are the case's too) rather than lost.
   */
  reopened: boolean;
}

/** GET /api/cases/:id: a case from first call to closure, as the viewer may see it. */
export interface CaseHistory {
  id: number;
  ref: string;
  status: CaseStatus;
  /** When its last referral closed (or its last contact was wrapped up, for a case without referrals); null while open. */
  closedAt: string | null;
  contacts: CaseContact[];
  /** The referrals the viewer may see (an officer: its own agency's), each with its own events, oldest first. */
  referrals: (ReferralSummary & { events: ReferralEvent[] })[];
}
