import { FormActions } from '../components/form-actions.js';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { closeBody, OUTCOMES, type ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field, FieldError } from '../components/field.js';
import { Modal } from '../components/modal.js';
import { zodErrorMap } from '../i18n/messages.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useReferralAction } from '../referrals/referrals-api.js';

type Input = z.input<typeof closeBody>;
type Output = z.output<typeof closeBody>;

interface Props {
  referral: ReferralSummary;
  keep?: (r: ReferralSummary) => boolean;
  onClose: () => void;
  onDone: () => void;
}

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** Closing records the outcome; "not successful" needs a reason (it feeds the 6- and 12-monthly reports). */
export function CloseDialog({ referral, keep, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const action = useReferralAction(referral.id, keep);
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(closeBody, { error: zodErrorMap }),
    defaultValues: { outcome: 'successful', reason: null },
  });
  const { errors } = form.formState;
  const notSuccessful = form.watch('outcome') === 'not_successful';

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      await action.mutateAsync({ kind: 'close', body });
      onDone();
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['outcome', 'reason']));
    }
  });

  return (
    <Modal title={t('referral.actions.closeTitle', { ref: referral.contactRef })} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="close-form">
        <p className="muted">{t('referral.actions.closeExplain')}</p>
        <Alert>{banner}</Alert>
        <fieldset className="fieldset fieldset--bare">
          <legend className="label">{t('referral.actions.outcome')}</legend>
          <div className="radio-row">
            {OUTCOMES.map((o) => (
              <label key={o}>
                <input type="radio" value={o} {...form.register('outcome')} data-testid={`close-outcome-${o}`} /> {t(`referral.outcome.${o}`)}
              </label>
            ))}
          </div>
          <FieldError message={errors.outcome?.message} />
        </fieldset>
        <Field id="close-reason" label={t('referral.actions.reason')} error={errors.reason?.message} hint={t('referral.actions.closeReasonHint')} required={notSuccessful}>
          <textarea
            {...describedBy('close-reason', errors.reason?.message, t('referral.actions.closeReasonHint'))}
            {...form.register('reason', { setValueAs: blankToNull })}
            rows={3}
            data-testid="close-reason"
          />
        </Field>
        <FormActions
          pending={action.isPending}
          pendingLabel={t('referral.actions.working')}
          submitLabel={t('referral.actions.closeConfirm')}
          onCancel={onClose}
          submitTestId="close-confirm"
        />
      </form>
    </Modal>
  );
}
