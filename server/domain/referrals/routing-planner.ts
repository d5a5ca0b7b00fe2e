import { vnDay } from '../../../shared/index.js';
import type { Clock } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { loadCaseFacts } from '../routing/case-facts.js';
import { planCase, planTrack, NO_AGENCY_EXPLANATION, type TrackPlan as EnginePlan } from '../routing/plan.js';
import { getRule, listActiveRules } from '../routing/rules.repo.js';
import type { RoutingPlanner, TrackPlan } from './planner.js';
import { agenciesTried, type ReferralRow } from './referrals.repo.js';

/** No agency left and no rule to say otherwise (a rule since deactivated or deleted): the supervisor decides. */
const NO_AGENCY = { rule: null, target: null, explanation: NO_AGENCY_EXPLANATION, reason: 'no_agency' } as const;

function toPlan(p: EnginePlan, fallbackPriority: TrackPlan['priority'], ruleName: string | null = null): TrackPlan {
  switch (p.kind) {
    case 'agency':
      return { track: p.track, kind: 'agency', agencyId: p.agencyId, focalPhones: p.focalPhones, ruleId: p.ruleId, targetIndex: p.targetIndex, priority: p.priority, timeoutMinutes: p.timeoutMinutes, why: p.why };
    case 'supervisor':
      return { track: p.track, kind: 'supervisor', agencyId: null, focalPhones: [], ruleId: p.ruleId, targetIndex: null, priority: p.priority, timeoutMinutes: null, why: p.why };
    case 'skip':
      return { track: p.track, kind: 'skip', agencyId: null, focalPhones: [], ruleId: p.ruleId, targetIndex: null, priority: fallbackPriority, timeoutMinutes: null, why: { ...NO_AGENCY, rule: ruleName } };
  }
}

/** The routing rules engine (server/domain/routing) behind the referral service's planner port. */
export function createRoutingPlanner(db: Executor, clock: Clock): RoutingPlanner {
  return {
    async planCase(contactId) {
      const facts = await loadCaseFacts(db, contactId, { toRoute: true });
      // A follow-up that joined its open case is not referred on its own: its case keeps its referrals.
      if (facts.joinedOpenCase) return [];
      const plans = await planCase(db, await listActiveRules(db), facts, vnDay(clock.now()));
      return plans.map((p) => toPlan(p, facts.priority));
    },
    async planNext(referral: ReferralRow) {
      const facts = await loadCaseFacts(db, referral.contact_id);
      const rule = referral.rule_id != null ? await getRule(db, referral.rule_id) : null;
      if (!rule || !rule.active)
        return { track: referral.track, kind: 'supervisor', agencyId: null, focalPhones: [], ruleId: null, targetIndex: null, priority: referral.priority, timeoutMinutes: null, why: NO_AGENCY };
      const exclude = await agenciesTried(db, referral.contact_id, referral.track);
      // The same target again without the agencies already tried (the next district office is still a district office).
      const plan = await planTrack(db, { rule, facts, fromTargetIndex: referral.target_index ?? 0, exclude, on: vnDay(clock.now()) });
      return toPlan(plan, referral.priority, rule.name);
    },
  };
}
