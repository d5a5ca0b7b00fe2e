import { z } from 'zod';
import { AGENCY_TYPES } from '../agencies.js';
import { CLASSIFICATIONS } from '../intake.js';
import { PRIORITIES, REFERRAL_TRACKS, TARGET_SCOPES } from '../referrals.js';
import { unitRef } from './agencies.js';
import { CLEAN_TEXT_MESSAGE, isCleanText } from './limits.js';

/** Which cases a rule applies to. Every condition given must hold; an absent condition matches anything. */
export const ruleFilter = z
  .object({
    classifications: z.array(z.enum(CLASSIFICATIONS)).min(1).optional(),
    under18: z.boolean().optional(),
    immediateDanger: z.boolean().optional(),
    /** The case's location lies inside one of these units (any level, either dataset). */
    locationWithin: z.array(unitRef).min(1).max(200).optional(),
    abroad: z.boolean().optional(),
    needsShelter: z.boolean().optional(),
  })
  .strict();
export type RuleFilter = z.infer<typeof ruleFilter>;

/** One agency to try, like a TaskRouter target: who, where to look, how urgent, how long before the next target. */
export const ruleTarget = z
  .object({
    agencyType: z.enum(AGENCY_TYPES),
    scope: z.enum(TARGET_SCOPES),
    /** 'case' derives it from the classification (and immediate danger). */
    priority: z.enum([...PRIORITIES, 'case'] as const).default('case'),
    /** Unacknowledged this long → the next target (the SLA clocks enforce it). */
    timeoutMinutes: z.number().int().min(1, 'timeout must be at least 1 minute').max(60 * 24 * 14),
  })
  .strict();
export type RuleTarget = z.infer<typeof ruleTarget>;

export const routingRuleBody = z
  .object({
    name: z.string().trim().min(2).max(120).refine(isCleanText, CLEAN_TEXT_MESSAGE),
    track: z.enum(REFERRAL_TRACKS),
    position: z.number().int().min(0).max(10_000),
    active: z.boolean().default(true),
    filter: ruleFilter,
    targets: z.array(ruleTarget).max(10),
    /** When no target finds an agency: 'supervisor' (never dropped) or 'skip' (this track is optional, e.g. Border Guard). */
    onExhausted: z.enum(['supervisor', 'skip']).default('supervisor'),
  })
  .superRefine((r, ctx) => {
    if (r.track === 'shelter' && r.targets.some((t) => t.agencyType !== 'shelter'))
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'the shelter track only targets shelters' });
    if (r.targets.some((t) => t.scope === 'nearest_with_capacity' && t.agencyType !== 'shelter'))
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'nearest_with_capacity applies to shelters only' });
  });
export type RoutingRuleBody = z.infer<typeof routingRuleBody>;
export type RoutingRule = RoutingRuleBody & { id: number };
