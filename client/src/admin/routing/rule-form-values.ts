import type { z } from 'zod';
import type { ReferralTrack, RuleTarget, routingRuleBody } from '../../../../shared/index.js';
import type { RoutingRuleView } from './routing-api.js';

export type RuleFormValues = z.input<typeof routingRuleBody>;
export type TargetInput = RuleFormValues['targets'][number];

/** Form paths the rule form displays errors for; anything else the server names goes to the banner. */
export const RULE_FIELD_PATHS = ['name', 'track', 'position', 'active', 'filter', 'targets', 'onExhausted'] as const;

/** A sensible first target for a new row on the given track. */
export function newTarget(track: ReferralTrack): TargetInput {
  if (track === 'shelter') return { agencyType: 'shelter', scope: 'nearest_with_capacity', priority: 'case', timeoutMinutes: 60 };
  if (track === 'police') return { agencyType: 'police', scope: 'jurisdiction', priority: 'case', timeoutMinutes: 15 };
  if (track === 'border_guard') return { agencyType: 'border_guard', scope: 'province', priority: 'case', timeoutMinutes: 15 };
  return { agencyType: 'commune_committee', scope: 'jurisdiction', priority: 'case', timeoutMinutes: 60 };
}

/** The next free position at the end of a track (rules are numbered 10, 20, … by convention). */
export function nextPosition(rules: readonly RoutingRuleView[], track: ReferralTrack): number {
  const max = Math.max(0, ...rules.filter((r) => r.track === track).map((r) => r.position));
  return Math.min(10_000, Math.floor(max / 10) * 10 + 10);
}

export function toFormValues(rule: RoutingRuleView | null, track: ReferralTrack, rules: readonly RoutingRuleView[]): RuleFormValues {
  if (!rule)
    return {
      name: '',
      track,
      position: nextPosition(rules, track),
      active: true,
      filter: {},
      targets: [newTarget(track)],
      onExhausted: track === 'border_guard' ? 'skip' : 'supervisor',
    };
  const f = rule.filter;
  return {
    name: rule.name,
    track: rule.track,
    position: rule.position,
    active: rule.active,
    filter: {
      classifications: f.classifications ? [...f.classifications] : undefined,
      under18: f.under18,
      immediateDanger: f.immediateDanger,
      locationWithin: f.locationWithin?.map(({ dataset, code }) => ({ dataset, code })),
      abroad: f.abroad,
      needsShelter: f.needsShelter,
    },
    targets: rule.targets.map((t: RuleTarget) => ({ ...t })),
    onExhausted: rule.onExhausted,
  };
}
