import type { SupportRegime } from './agencies.js';
import type { EthnicityCode } from './ethnicity/groups.js';
import type { AgeBand, Classification, Consent, TraffickingPurpose, VictimSex, Wish } from './intake.js';
import type { Outcome, Priority, ReferralEventType, ReferralStatus, ReferralTrack, ReferralWhy } from './referrals.js';
import type { ClockView } from './sla/sla-views.js';

/** One unit of a place's path. */
export interface PlacePart {
  level: 'province' | 'district' | 'commune';
  name: string;
}

/** What every agency sees of a referral, consent or not: enough to act, nothing that identifies anyone. */
export interface ReferralSummary {
  id: number;
  contactRef: string;
  track: ReferralTrack;
  status: ReferralStatus;
  priority: Priority;
  agency: { id: number; name: string } | null;
  classification: Classification;
  purposes: TraffickingPurpose[];
  immediateDanger: boolean;
  /**
   * label: the place's full path; parts: the same path unit by unit from the place up to its province (commune,
   * district on the old map, province), for labelled display; now: for a place named on the old map, today's unit
   * holding it (else null).
   */
  location: { kind: 'unit' | 'abroad' | 'unknown'; label: string | null; parts: PlacePart[]; now: string | null; country: string | null };
  victims: { count: number; ageBands: AgeBand[]; sexes: VictimSex[]; children: number };
  needs: SupportRegime[];
  wishes: Wish | null;
  consent: Consent;
  /** Why this agency: the rule and target that chose it, or why it has none (a reason code). */
  why: ReferralWhy;
  /** 1 for the first time this agency has the case on this track; more when a supervisor gave it back. */
  attempt: number;
  createdAt: string;
  acceptedAt: string | null;
  firstActionAt: string | null;
  closedAt: string | null;
  outcome: Outcome | null;
  /** The SLA deadlines (acknowledge, first action, close) and the re-route timeout, with their state. */
  clocks: ClockView[];
}

/** With the victim's (or legal representative's) consent, after acceptance; or for police acting on immediate danger. */
export interface ReferralDisclosure {
  callerPhone: string | null;
  narrative: string;
  wishesNote: string | null;
  victims: { name: string | null; sex: VictimSex; age: number | null; ageBand: AgeBand | null; ethnicity: EthnicityCode | null; nationality: string | null; under18: boolean | null }[];
}

export interface ReferralEvent {
  id: number;
  at: string;
  type: ReferralEventType;
  actor: string | null;
  details: Record<string, unknown>;
}

export interface SupportRecord {
  id: number;
  regime: SupportRegime;
  givenOn: string;
  note: string;
  recordedBy: string | null;
}

export interface ReferralDetail extends ReferralSummary {
  /** null when the disclosure decision withholds it: the reason says why (not_handling: an operator who does not handle the case). */
  disclosure: ReferralDisclosure | null;
  disclosureWithheld: 'no_consent' | 'not_accepted' | 'not_handling' | null;
  declineReason: string | null;
  outcomeReason: string | null;
  support: SupportRecord[];
  /** The hotline (operators, supervisors): the whole chain of events. An agency: its referral's new information from follow-ups. */
  timeline: ReferralEvent[] | null;
  /** Only for the hotline: every agency that already had the case on this track, oldest first. */
  attempts: TrackAttempt[] | null;
}

/** One agency's turn with the case on a track (what the supervisor's assign form lists as already tried). */
export interface TrackAttempt {
  referralId: number;
  agency: { id: number; name: string };
  status: ReferralStatus;
  attempt: number;
  createdAt: string;
}

/**
 * GET /api/referrals/inbox: one page of an agency officer's inbox tab, urgent new ones first, then newest first.
 * `next` is the cursor of the following page (null: this is the last); `total` is the tab's, `counts` every tab's.
 */
export interface InboxPage {
  referrals: ReferralSummary[];
  tab: 'new' | 'active' | 'closed';
  total: number;
  counts: { new: number; active: number; closed: number };
  urgentNew: number;
  limit: number;
  next: string | null;
}
