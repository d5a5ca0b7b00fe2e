import type { Priority, ReferralTrack, ReferralWhy } from '../../../shared/index.js';
import type { ReferralRow } from './referrals.repo.js';

/** One track's decision: an agency, the supervisor's queue, or nothing (a track whose rule says skip, with no agency left). */
export interface TrackPlan {
  track: ReferralTrack;
  kind: 'agency' | 'supervisor' | 'skip';
  agencyId: number | null;
  /** The agency's SMS alert numbers (none for the supervisor's queue). */
  focalPhones: string[];
  ruleId: number | null;
  targetIndex: number | null;
  priority: Priority;
  /** Unacknowledged this long → the next target (the re-route clock); null when the target has none. */
  timeoutMinutes: number | null;
  why: ReferralWhy;
}

/** The routing rules engine as the referral service sees it (server/domain/routing implements it). */
export interface RoutingPlanner {
  /**
   * Every track a newly classified contact goes on (ValidationError: not a wrapped-up case to refer); none for a
   * follow-up attached to its open case (issue 17).
   */
  planCase(contactId: number): Promise<TrackPlan[]>;
  /** The next target after `referral` was declined or expired, skipping agencies already tried. */
  planNext(referral: ReferralRow): Promise<TrackPlan>;
}
