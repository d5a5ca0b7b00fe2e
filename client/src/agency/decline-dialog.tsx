import { FormActions } from '../components/form-actions.js';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { declineBody, type ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { Modal } from '../components/modal.js';
import { zodErrorMap } from '../i18n/messages.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useReferralAction } from '../referrals/referrals-api.js';

type Input = z.input<typeof declineBody>;
type Output = z.output<typeof declineBody>;

interface Props {
  referral: ReferralSummary;
  keep?: (r: ReferralSummary) => boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Declining needs a reason, and says where the referral goes next (the next agency, else the supervisor). */
export function DeclineDialog({ referral, keep, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const action = useReferralAction(referral.id, keep);
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(declineBody, { error: zodErrorMap }), defaultValues: { reason: '' } });
  const error = form.formState.errors.reason?.message;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      await action.mutateAsync({ kind: 'decline', body });
      onDone();
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['reason']));
    }
  });

  return (
    <Modal title={t('referral.actions.declineTitle', { ref: referral.contactRef })} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="decline-form">
        <p className="alert alert--info">{t('referral.actions.declineExplain')}</p>
        <Alert>{banner}</Alert>
        <Field id="decline-reason" label={t('referral.actions.reason')} error={error} required>
          <textarea {...describedBy('decline-reason', error)} {...form.register('reason')} rows={4} data-testid="decline-reason" autoFocus />
        </Field>
        <FormActions
          danger
          pending={action.isPending}
          pendingLabel={t('referral.actions.working')}
          submitLabel={t('referral.actions.declineConfirm')}
          onCancel={onClose}
          submitTestId="decline-confirm"
        />
      </form>
    </Modal>
  );
}
