import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { routingRuleBody, type RoutingRuleBody } from '../../../../shared/index.js';
import { zodErrorMap } from '../../i18n/messages.js';
import type { RuleFormValues } from './rule-form-values.js';

const base = zodResolver(routingRuleBody, { error: zodErrorMap });

/**
 * zodResolver(routingRuleBody), plus the schema's cross-field rules on `targets` when other fields fail too
 * (zod runs a refine on the whole rule only once every field parses), so every error shows at the first submit.
 */
export const ruleResolver: Resolver<RuleFormValues, unknown, RoutingRuleBody> = async (values, context, options) => {
  const result = await base(values, context, options as never);
  const errors = result.errors as FieldErrors<RuleFormValues>;
  if (Object.keys(errors).length > 0) {
    const targets = values.targets ?? [];
    const message =
      values.track === 'shelter' && targets.some((t) => t.agencyType !== 'shelter')
        ? 'the shelter track only targets shelters'
        : targets.some((t) => t.scope === 'nearest_with_capacity' && t.agencyType !== 'shelter')
          ? 'nearest_with_capacity applies to shelters only'
          : null;
    const list = errors.targets as (Record<string, unknown> & { message?: string; root?: unknown }) | undefined;
    if (message && !list?.message && !list?.root) {
      (errors as Record<string, unknown>).targets = Object.assign(list ?? [], { root: { type: 'custom', message } });
    }
  }
  return result as unknown as Awaited<ReturnType<Resolver<RuleFormValues, unknown, RoutingRuleBody>>>;
};
