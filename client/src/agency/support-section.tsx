import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SUPPORT_REGIMES, supportBody, type ReferralDetail, type ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { DateField } from '../components/date-field.js';
import { describedBy, Field } from '../components/field.js';
import { formatDateTime } from '../i18n/format.js';
import { zodErrorMap } from '../i18n/messages.js';
import { useLabels } from '../i18n/use-labels.js';
import { can } from '../referrals/referral-format.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useReferralAction } from '../referrals/referrals-api.js';

type Input = z.input<typeof supportBody>;
type Output = z.output<typeof supportBody>;

/** Today in Viet Nam (YYYY-MM-DD), whatever the browser's time zone. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function formatDay(iso: string): string {
  return formatDateTime(`${iso}T12:00:00+07:00`).slice(0, 10);
}

/** Support given under Art. 37 (a–k): what is recorded so far, and a form to record more while the case is open. */
export function SupportSection({ referral: r, keep }: { referral: ReferralDetail; keep?: (r: ReferralSummary) => boolean }) {
  const { t } = useTranslation();
  const { regime } = useLabels();
  const action = useReferralAction(r.id, keep);
  const [banner, setBanner] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const today = todayInVietnam();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(supportBody, { error: zodErrorMap }),
    defaultValues: { regime: r.needs[0] ?? ('' as Input['regime']), givenOn: today, note: '' },
  });
  const { errors } = form.formState;
  const open = can.recordSupport(r.status);
  if (!open && r.support.length === 0) return null;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      await action.mutateAsync({ kind: 'support', body });
      form.reset({ regime: body.regime, givenOn: todayInVietnam(), note: '' });
      setBanner({ kind: 'success', text: t('referral.support.recorded') });
    } catch (err) {
      setBanner({ kind: 'error', text: actionErrorText(err, form.setError, ['regime', 'givenOn', 'note']) });
    }
  });

  return (
    <section className="support-section" id="support-section" aria-labelledby={`support-${r.id}`}>
      <h3 id={`support-${r.id}`}>{t('referral.support.title')}</h3>
      {r.support.length === 0 ? (
        <p className="muted">{t('referral.support.empty')}</p>
      ) : null}
      <ul className="support-list" data-testid="support-list">
        {r.support.map((s) => (
          <li key={s.id} data-regime={s.regime}>
            <strong>{regime(s.regime)}</strong> · <time dateTime={s.givenOn}>{formatDay(s.givenOn)}</time>
            {s.note && <div>{s.note}</div>}
            {s.recordedBy && <div className="muted small">{t('referral.support.by', { name: s.recordedBy })}</div>}
          </li>
        ))}
      </ul>
      {open && (
        <form onSubmit={onSubmit} noValidate className="fieldset support-form" data-testid="support-form" aria-label={t('referral.support.formTitle')}>
          {banner && <Alert kind={banner.kind}>{banner.text}</Alert>}
          <div className="field-row">
            <Field id="support-regime" label={t('referral.support.regime')} error={errors.regime?.message} required>
              <select {...describedBy('support-regime', errors.regime?.message)} {...form.register('regime')} data-testid="support-regime">
                <option value="">{t('referral.support.choose')}</option>
                {SUPPORT_REGIMES.map((g) => (
                  <option key={g} value={g}>
                    {regime(g)}
                    {r.needs.includes(g) ? ' ★' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <Controller
              control={form.control}
              name="givenOn"
              render={({ field }) => (
                <DateField id="support-date" testId="support-date" label={t('referral.support.givenOn')} value={field.value ?? ''} onChange={field.onChange}
                  onBlur={field.onBlur} inputRef={field.ref} error={errors.givenOn?.message} max={today} required />
              )}
            />
          </div>
          <Field id="support-note" label={t('referral.support.note')} error={errors.note?.message}>
            <textarea {...describedBy('support-note', errors.note?.message)} {...form.register('note')} rows={2} data-testid="support-note" />
          </Field>
          <div className="inline-row">
            <button type="submit" className="button button--primary" disabled={action.isPending} data-testid="support-submit">
              {action.isPending ? t('common.saving') : t('referral.support.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
