import { countryName, label, type Priority, type ReferralTrack, type ReferralWhy, type RoutingRule, type RuleTarget } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { anchorFor, matchTracks, type CaseFacts } from './evaluate.js';
import { caseAncestry, coveringAgencies, pickAgency, type AgencyMatch, type CoveringAgencies } from './jurisdiction.js';
import { findShelter } from './shelter-match.js';

/** Stored on the referral as `why`: the rule and target that chose the agency and a sentence naming it, or the reason code it has none. */
export type Why = ReferralWhy;

export type TrackPlan =
  | {
      kind: 'agency';
      track: ReferralTrack;
      ruleId: number;
      agencyId: number;
      agencyName: string;
      focalPhones: string[];
      targetIndex: number;
      priority: Priority;
      /** Unacknowledged this long → the next target. */
      timeoutMinutes: number;
      why: Why;
    }
  | { kind: 'skip'; track: ReferralTrack; ruleId: number }
  | { kind: 'supervisor'; track: ReferralTrack; ruleId: number; priority: Priority; why: Why };

export const NO_AGENCY_EXPLANATION = 'Không tìm được cơ quan phù hợp: chuyển giám sát viên';

export interface PlanTrackInput {
  rule: RoutingRule;
  facts: CaseFacts;
  /** 0 for a new case; the declined referral's target index to try the same target again without that agency; +1 after a timeout. */
  fromTargetIndex?: number;
  /** Agencies that already declined or let this track expire. */
  exclude?: readonly number[];
  /** The day agencies must exist on (YYYY-MM-DD, Vietnam); today by default. */
  on?: string;
}

export const targetLabel = (t: Pick<RuleTarget, 'agencyType' | 'scope'>) => `${t.agencyType}@${t.scope}`;
const priorityFor = (t: RuleTarget, facts: CaseFacts): Priority => (t.priority === 'case' ? facts.priority : t.priority);

/**
 * Resolves a rule's targets against one place: the jurisdiction and province targets share one read of the agencies
 * covering it (coveringAgencies); a shelter target asks findShelter.
 */
function targetResolver(db: Executor, rule: RoutingRule, facts: CaseFacts, exclude: readonly number[], on: string | undefined) {
  const anchor = anchorFor(rule.track, facts);
  let covering: Promise<CoveringAgencies | null> | null = null;
  const types = [...new Set(rule.targets.filter((t) => t.scope !== 'nearest_with_capacity').map((t) => t.agencyType))];
  return async (t: RuleTarget): Promise<AgencyMatch | null> => {
    if (!anchor) return null;
    const common = { anchorUnitId: anchor.unitId, anchorRole: anchor.role, exclude, on };
    if (t.scope === 'nearest_with_capacity') return findShelter(db, { ...common, victims: facts.victims });
    covering ??= coveringAgencies(db, { anchorUnitId: anchor.unitId, types, exclude, on });
    const found = await covering;
    return found && pickAgency(found, { agencyType: t.agencyType, scope: t.scope }, anchor.role);
  };
}

/**
 * Tries the rule's targets in order from `fromTargetIndex`; the first that finds an agency wins. None: the
 * supervisor's queue (a referral is never dropped), or nothing when the track is optional (onExhausted 'skip').
 */
export async function planTrack(db: Executor, input: PlanTrackInput): Promise<TrackPlan> {
  const { rule, facts } = input;
  const exclude = input.exclude ?? [];
  const start = Math.max(0, input.fromTargetIndex ?? 0);
  const resolve = targetResolver(db, rule, facts, exclude, input.on);
  for (let i = start; i < rule.targets.length; i++) {
    const t = rule.targets[i]!;
    const found = await resolve(t);
    if (!found) continue;
    const abroad = facts.abroad && rule.track === 'primary' ? `; nạn nhân đang ở nước ngoài (${countryName(facts.country ?? '', 'vi')})` : '';
    const skipped = [...new Set(rule.targets.slice(start, i).map((s) => label('agencyType', s.agencyType, 'vi')))];
    const fallback = skipped.length ? `; không có ${skipped.join(', ')} phù hợp` : '';
    return {
      kind: 'agency',
      track: rule.track,
      ruleId: rule.id,
      agencyId: found.agencyId,
      agencyName: found.agencyName,
      focalPhones: found.focalPhones,
      targetIndex: i,
      priority: priorityFor(t, facts),
      timeoutMinutes: t.timeoutMinutes,
      why: {
        rule: rule.name,
        target: targetLabel(t),
        explanation: found.explanation + fallback + abroad,
        facts: { ...found.facts, skipped: rule.targets.slice(start, i).map((s) => s.agencyType).filter((v, k, a) => a.indexOf(v) === k), abroad: abroad ? (facts.country ?? '') : null },
      },
    };
  }
  if (rule.onExhausted === 'skip') return { kind: 'skip', track: rule.track, ruleId: rule.id };
  const first = rule.targets[0];
  return {
    kind: 'supervisor',
    track: rule.track,
    ruleId: rule.id,
    priority: first ? priorityFor(first, facts) : facts.priority,
    why: { rule: rule.name, target: null, explanation: NO_AGENCY_EXPLANATION, reason: 'no_agency' },
  };
}

/** One plan per track whose rules match the case (a new case: first target, nobody excluded), with agencies existing `on`. */
export async function planCase(db: Executor, rules: readonly RoutingRule[], facts: CaseFacts, on?: string): Promise<TrackPlan[]> {
  const matches = matchTracks(rules, facts, await caseAncestry(db, facts));
  const plans: TrackPlan[] = [];
  for (const m of matches) plans.push(await planTrack(db, { rule: m.rule, facts, on }));
  return plans;
}
