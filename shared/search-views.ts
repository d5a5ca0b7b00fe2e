import type { CallType, Channel, Classification, ContactStatus } from './intake.js';
import type { ReferralStatus, ReferralTrack } from './referrals.js';

/** One case found by GET /api/search, as the searcher may see it. */
export interface SearchResult {
  contactId: number;
  ref: string;
  receivedAt: string;
  channel: Channel;
  callType: CallType | null;
  classification: Classification | null;
  status: ContactStatus;
  training: boolean;
  /** label: the place's full path; now: for a place on the old map, today's unit holding it. */
  place: { kind: 'unit' | 'abroad' | 'unknown' | null; label: string | null; now: string | null; country: string | null };
  /** The case's referrals the searcher may see (an agency officer: its own agency's only), oldest first. */
  referrals: { id: number; track: ReferralTrack; status: ReferralStatus; agency: { id: number; name: string } | null }[];
  /** The victims' names when the disclosure decision shows this case to the searcher; null when withheld. */
  victimNames: string[] | null;
}

export interface SearchPage {
  results: SearchResult[];
  offset: number;
  limit: number;
  /** More results follow this page. */
  more: boolean;
}
