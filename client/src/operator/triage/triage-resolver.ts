import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { wrapUpBody, type WrapUpBody } from '../../../../shared/index.js';
import { i18n } from '../../i18n/index.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { needsPurposes, toWrapUpInput, type TriageValues } from './triage-values.js';

const base = zodResolver(wrapUpBody, { error: zodErrorMap });

/**
 * zodResolver(wrapUpBody) over the form's values mapped to the API's shape: error paths stay the API's
 * (`purposes`, `victims.0.age`, `location.code`), which are also the form's field names.
 */
export const triageResolver: Resolver<TriageValues, unknown, WrapUpBody> = async (values, context, options) => {
  const result = await base(toWrapUpInput(values), context, options as never);
  const errors = result.errors as FieldErrors<TriageValues>;
  // zod runs wrapUpBody's cross-field rules only once every field parses; show them at the same time as the rest.
  if (Object.keys(errors).length > 0) {
    const add = (k: 'purposes' | 'victims' | 'immediateDanger', message: string) => {
      if (!errors[k]) (errors as Record<string, unknown>)[k] = { type: 'custom', message };
    };
    const c = values.classification;
    if (needsPurposes(c) && values.purposes.length === 0) add('purposes', 'a trafficking classification needs at least one purpose');
    if (c && c !== 'not_relevant' && values.victims.length === 0) add('victims', 'a case to refer needs at least one victim');
    if (c === 'not_relevant' && values.immediateDanger) add('immediateDanger', 'a contact in immediate danger cannot be not relevant');
  }
  const l = values.location;
  // "unit code must be 2 to 5 digits" means, to an operator, that no place was picked yet.
  if (l.kind === 'unit' && !l.code && errors.location)
    (errors.location as Record<string, unknown>).code = { type: 'required', message: i18n.t('operator.triage.location.pickUnit') };
  if (l.kind === 'abroad' && !l.country && errors.location)
    (errors.location as Record<string, unknown>).country = { type: 'required', message: i18n.t('operator.triage.location.pickCountry') };
  const h = values.homeLocation;
  if (h.kind === 'unit' && !h.code && errors.homeLocation)
    (errors.homeLocation as Record<string, unknown>).code = { type: 'required', message: i18n.t('operator.triage.homeLocation.pickUnit') };
  return result as unknown as Awaited<ReturnType<Resolver<TriageValues, unknown, WrapUpBody>>>;
};
