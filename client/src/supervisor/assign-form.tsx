import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { assignBody, type ReferralDetail } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { zodErrorMap } from '../i18n/messages.js';
import { useLabels } from '../i18n/use-labels.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useReferralAction } from '../referrals/referrals-api.js';
import { useAssignableAgencies, type AgencyOption } from './supervisor-api.js';
import { TriedAgencies, triedCounts } from './tried-agencies.js';

/** The select gives a string; "" (nothing chosen) must fail with "choose an agency", not a type error. */
const formSchema = z.object({
  agencyId: z.coerce.number<string>().int().positive(),
  note: assignBody.shape.note,
});
type Input = z.input<typeof formSchema>;
type Output = z.output<typeof formSchema>;

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

/**
 * Gives a referral nobody took to an agency the supervisor chose (searchable by name, type). Agencies that already
 * had the case on this track are listed first and marked, and may be chosen again (a new attempt).
 */
export function AssignForm({ referral, onDone }: { referral: ReferralDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const agencies = useAssignableAgencies();
  const action = useReferralAction(referral.id);
  const [search, setSearch] = useState('');
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(formSchema, { error: (issue) => (issue.path?.[0] === 'agencyId' ? t('supervisor.assign.required') : zodErrorMap(issue)) }),
    defaultValues: { agencyId: '', note: '' },
  });
  const { errors } = form.formState;
  const chosen = form.watch('agencyId');
  const tried = useMemo(() => triedCounts(referral.attempts ?? []), [referral.attempts]);
  const chosenTries = tried.get(Number(chosen)) ?? 0;

  const options = useMemo(() => {
    const all = agencies.data ?? [];
    const q = fold(search.trim());
    const hits = q ? all.filter((a) => fold(`${a.name} ${label('agencyType', a.type)}`).includes(q)) : all;
    // Keep the chosen agency visible while the search changes.
    const picked = all.find((a) => String(a.id) === chosen);
    const shown = picked && !hits.includes(picked) ? [picked, ...hits] : hits;
    return { tried: shown.filter((a) => tried.has(a.id)), others: shown.filter((a) => !tried.has(a.id)) };
  }, [agencies.data, search, chosen, label, tried]);
  const optionText = (a: AgencyOption) => `${a.name} · ${label('agencyType', a.type)}`;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      await action.mutateAsync({ kind: 'assign', body });
      const name = agencies.data?.find((a) => a.id === body.agencyId)?.name ?? String(body.agencyId);
      onDone(t('supervisor.assign.assigned', { ref: referral.contactRef, agency: name }));
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['agencyId', 'note']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="fieldset assign-form" data-testid="assign-form" aria-labelledby="assign-title">
      <h3 id="assign-title">{t('supervisor.assign.title')}</h3>
      <Alert>{banner}</Alert>
      {agencies.isError && <Alert>{t('common.loadError', { message: agencies.error.message })}</Alert>}
      <TriedAgencies attempts={referral.attempts ?? []} />
      <div className="field">
        <label htmlFor="assign-search">{t('supervisor.assign.search')}</label>
        <input id="assign-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('supervisor.assign.searchPlaceholder')} data-testid="assign-search" />
      </div>
      <Field
        id="assign-agency"
        label={t('supervisor.assign.agency')}
        error={errors.agencyId?.message}
        hint={chosenTries > 0 ? t('supervisor.assign.again', { n: chosenTries + 1 }) : undefined}
        required
      >
        <select
          {...describedBy('assign-agency', errors.agencyId?.message, chosenTries > 0 ? 'hint' : undefined)}
          {...form.register('agencyId')}
          data-testid="assign-agency"
          aria-busy={agencies.isPending || undefined}
        >
          <option value="">{agencies.isPending ? t('app.loading') : options.tried.length + options.others.length ? t('supervisor.assign.choose') : t('supervisor.assign.noMatch')}</option>
          {options.tried.length > 0 && (
            <optgroup label={t('supervisor.assign.triedGroup')}>
              {options.tried.map((a) => (
                <option key={a.id} value={String(a.id)} data-tried="true">
                  {t('supervisor.assign.triedOption', { agency: optionText(a), times: tried.get(a.id) ?? 1 })}
                </option>
              ))}
            </optgroup>
          )}
          {options.others.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {optionText(a)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="assign-note" label={t('supervisor.assign.note')} error={errors.note?.message} hint={t('supervisor.assign.noteHint')}>
        <textarea {...describedBy('assign-note', errors.note?.message, t('supervisor.assign.noteHint'))} {...form.register('note')} rows={2} data-testid="assign-note" />
      </Field>
      <div className="inline-row">
        <button type="submit" className="button button--primary" disabled={action.isPending} data-testid="assign-submit">
          {action.isPending ? t('referral.actions.working') : t('supervisor.assign.submit')}
        </button>
      </div>
    </form>
  );
}
