/** Referral lifecycle (domain.md, anchored on Primero's referral model). Stored values: never rename. */
export const REFERRAL_STATUSES = ['pending', 'accepted', 'in_progress', 'declined', 'expired', 'closed', 'needs_supervisor', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Statuses in which a referral is still somebody's work. */
export const OPEN_REFERRAL_STATUSES = ['pending', 'accepted', 'in_progress', 'needs_supervisor'] as const satisfies readonly ReferralStatus[];

/** Parallel tracks a case is routed on: the local office, the police, a shelter, the Border Guard. */
export const REFERRAL_TRACKS = ['primary', 'police', 'shelter', 'border_guard'] as const;
export type ReferralTrack = (typeof REFERRAL_TRACKS)[number];

export const PRIORITIES = ['urgent', 'trafficking', 'suspected_trafficking', 'other_child_protection'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OUTCOMES = ['successful', 'not_successful'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where in the unit hierarchy a target is looked for. */
export const TARGET_SCOPES = [
  'jurisdiction', // the most specific unit (commune → district → province) with an agency of that type
  'province', // an agency of that type covering the province
  'nearest_with_capacity', // shelters: the location's province first, then the nearest provinces with a free place
] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

export const REFERRAL_EVENT_TYPES = [
  'created', 'notified', 'accepted', 'declined', 'rerouted', 'expired', 'escalated', 'support_recorded', 'closed',
  'assigned', 'needs_supervisor', 'viewed', 'cancelled',
  // SLA clocks (issue 5): a warning to the focal points, a missed deadline, a clock paused or resumed with its reason.
  'sla_warning', 'sla_breached', 'clock_paused', 'clock_resumed',
  // A track whose rule says 'skip' ran out of agencies after a decline or expiry: it ends, nobody is asked.
  'track_ended',
  // A follow-up contact attached to the case (issue 17): its narrative reaches the case's open referrals, sealed.
  'new_information',
] as const;
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number];

/**
 * Why a referral is where it is, as a code the console renders in its own language (stored in `why.reason`):
 * on the supervisor's queue because no agency covers the place, the agencies declined, or none acknowledged within
 * the re-route deadline; or handed to an agency by a supervisor. Stored values: never rename.
 */
export const WHY_REASONS = ['no_agency', 'declined', 'expired', 'assigned'] as const;
export type WhyReason = (typeof WHY_REASONS)[number];

/** Stored on the referral as `why`: the rule and target that chose the agency, or the reason it has none. */
/**
 * The facts behind "why this agency", so each reader gets the sentence in their own language (why-text.ts); names
 * of agencies and places stay as written.
 */
export interface WhyFacts {
  agency: string;
  /** The unit the agency is responsible for, through which it was found (full path), and its level. */
  covered: { path: string; level: 'province' | 'district' | 'commune' } | null;
  /** Whether that place is where the victim is or where they live. */
  anchorRole: 'location' | 'home';
  /** The case's own place (full path) when it is not the covered unit, and how the 2025 reform joined them. */
  anchor: string | null;
  across: 'now_in_2025' | 'before_2025' | null;
  /** Shelters: free places, distance, and whether it is only the nearest with room (none covers the place). */
  shelter?: { freePlaces: number; km: number | null; nearest: boolean; wherePath: string | null };
  /** Agency types tried first that had no match. */
  skipped: string[];
  /** The country the victim is in, when abroad (ISO code). */
  abroad: string | null;
}

export interface ReferralWhy {
  rule: string | null;
  /** The routing target as stored ("district_office@jurisdiction"): never shown as is (why-text.ts targetText). */
  target: string | null;
  /** The facts of `explanation`, on referrals routed since they were stored; older rows have the sentence only. */
  facts?: WhyFacts;
  /** A sentence in Vietnamese for readers of the row; the console renders `reason` when there is one. */
  explanation: string;
  reason?: WhyReason;
  /** expired: the deadline nobody acknowledged within (the routing target's timeout), in minutes. */
  deadlineMinutes?: number;
  /** assigned: the how-many-th time this agency has the case on this track. */
  attempt?: number;
}

/** The agency inbox's tabs: new (pending), in progress, and everything finished. */
export const INBOX_TABS = ['new', 'active', 'closed'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export function inboxTabOf(status: ReferralStatus): InboxTab {
  if (status === 'pending') return 'new';
  if (status === 'accepted' || status === 'in_progress') return 'active';
  return 'closed';
}
