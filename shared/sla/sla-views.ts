import type { CallStatus, Channel, Classification, ContactStatus } from '../intake.js';
import type { Priority, ReferralStatus, ReferralTrack } from '../referrals.js';
import type { SlaPolicyBody } from '../schemas/sla.js';
import type { ClockKind, ClockState, EscalationLevel, HolidayOverrideKind } from './sla.js';

/** One deadline of a referral as every viewer sees it (times are ISO instants; colours are computed from them). */
export interface ClockView {
  id: number;
  kind: ClockKind;
  state: ClockState;
  startedAt: string;
  /** When the warning falls due (null for re-route clocks, which do not warn). */
  warnAt: string | null;
  dueAt: string;
  warnedAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
  /** While paused: since when and why. Due and warning times are moved on resume. */
  pausedAt: string | null;
  pauseReason: string | null;
  /** 0: none yet; 1: the parent agency was alerted; 2: the supervisor was asked to decide. */
  escalationLevel: 0 | EscalationLevel;
}

export interface SlaPolicyView extends SlaPolicyBody {
  priority: Priority;
  updatedAt: string;
  updatedBy: string | null;
}

export interface HolidayView {
  date: string;
  name: string;
  /** law: from the holidays library and the Labour Code (Tết's five days, substitute days); override: set by an admin. */
  source: 'law' | 'override';
  kind: HolidayOverrideKind;
  overrideId: number | null;
}

export interface EscalationView {
  id: number;
  referralId: number;
  contactRef: string;
  clockKind: ClockKind;
  level: EscalationLevel;
  priority: Priority;
  /** The agency that missed the deadline. */
  agency: { id: number; name: string } | null;
  /** Level 1: the parent agency alerted. */
  escalatedTo: { id: number; name: string } | null;
  track: ReferralTrack;
  /** The escalated referral's status now: declined or expired when it has since left that agency. */
  referralStatus: ReferralStatus;
  /** Supervisors only: where the case is now on this track, when it has moved on from the escalated referral. */
  current: { referralId: number; status: ReferralStatus; agency: { id: number; name: string } | null } | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** A referral on the supervisor's live board: where it is, who has it, and its clocks. */
export interface BoardReferral {
  id: number;
  contactRef: string;
  track: ReferralTrack;
  status: ReferralStatus;
  priority: Priority;
  classification: Classification;
  agency: { id: number; name: string } | null;
  /** Today's province (a place named on the old map counts in the 2025 province that holds it). */
  province: { id: number; name: string } | null;
  /** The place with its full path, and for an old one today's unit holding it. */
  place: { path: string; now: string | null } | null;
  createdAt: string;
  clocks: ClockView[];
}

export interface BoardContact {
  id: number;
  contactRef: string;
  channel: Channel;
  status: ContactStatus;
  receivedAt: string;
  claimedAt: string | null;
  operator: string | null;
  /** A call's status (a terminal one once it ended) and end; a training line's simulated call. */
  callStatus: CallStatus | null;
  endedAt: string | null;
  training: boolean;
}

export interface SlaBoard {
  generatedAt: string;
  referrals: BoardReferral[];
  contacts: BoardContact[];
  /** Open escalations, oldest first: they need a supervisor's decision. */
  escalations: EscalationView[];
}

/** Minutes, over referrals created in the last 30 days that reached the step. */
export interface ResponseTimes {
  n: number;
  p50: number | null;
  p90: number | null;
}

export interface ResponseTimeRow {
  key: { id: number; name: string };
  acknowledge: ResponseTimes;
  firstAction: ResponseTimes;
}

export interface ComplianceRow {
  window: 'today' | '7d' | '30d';
  /** Clocks that finished (met or breached) in the window, per metric and in all. */
  met: number;
  breached: number;
  /** met / (met + breached), null when nothing finished. */
  rate: number | null;
  byMetric: Record<'acknowledge' | 'first_action' | 'close', { met: number; breached: number; rate: number | null }>;
}

export interface SlaMetrics {
  generatedAt: string;
  byAgency: ResponseTimeRow[];
  byProvince: ResponseTimeRow[];
  compliance: ComplianceRow[];
}
