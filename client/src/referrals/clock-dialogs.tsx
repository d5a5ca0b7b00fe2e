import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { clockPauseBody, clockResumeBody, type ClockView, type ReferralDetail, type ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { FormActions } from '../components/form-actions.js';
import { Modal } from '../components/modal.js';
import { zodErrorMap } from '../i18n/messages.js';
import { useClockAction } from './clock-api.js';
import { actionErrorText } from './referral-errors.js';

interface Props {
  referral: ReferralSummary;
  clock: ClockView;
  keep?: (r: ReferralSummary) => boolean;
  onClose: () => void;
  /** After success, with the referral as the server now has it (null if the answer carried none). */
  onDone: (r: ReferralDetail | null) => void;
}

type PauseIn = z.input<typeof clockPauseBody>;
type PauseOut = z.output<typeof clockPauseBody>;

/** Pausing needs a reason (it goes into the timeline); the deadline moves on by the paused time on resume. */
export function PauseClockDialog({ referral, clock, keep, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const action = useClockAction(referral.id, keep);
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<PauseIn, unknown, PauseOut>({ resolver: zodResolver(clockPauseBody, { error: zodErrorMap }), defaultValues: { reason: '' } });
  const error = form.formState.errors.reason?.message;
  const kind = t(`sla.kind.${clock.kind}`);

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onDone(await action.mutateAsync({ kind: clock.kind, action: 'pause', body }));
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['reason']));
    }
  });

  return (
    <Modal title={t('sla.clocks.pauseTitle', { kind, ref: referral.contactRef })} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="clock-pause-form">
        <p className="alert alert--info">{t('sla.clocks.pauseExplain')}</p>
        <Alert>{banner}</Alert>
        <Field id="clock-pause-reason" label={t('sla.clocks.reason')} error={error} hint={t('sla.clocks.reasonHint')} required>
          <textarea
            {...describedBy('clock-pause-reason', error, t('sla.clocks.reasonHint'))}
            {...form.register('reason')}
            rows={3}
            data-testid="clock-pause-reason"
            autoFocus
          />
        </Field>
        <FormActions
          pending={action.isPending}
          pendingLabel={t('sla.clocks.working')}
          submitLabel={t('sla.clocks.confirmPause')}
          onCancel={onClose}
          submitTestId="clock-pause-confirm"
        />
      </form>
    </Modal>
  );
}

type ResumeIn = z.input<typeof clockResumeBody>;
type ResumeOut = z.output<typeof clockResumeBody>;

/** Resuming takes an optional note; the answer carries the moved deadline. */
export function ResumeClockDialog({ referral, clock, keep, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const action = useClockAction(referral.id, keep);
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ResumeIn, unknown, ResumeOut>({ resolver: zodResolver(clockResumeBody, { error: zodErrorMap }), defaultValues: { note: '' } });
  const error = form.formState.errors.note?.message;
  const kind = t(`sla.kind.${clock.kind}`);

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onDone(await action.mutateAsync({ kind: clock.kind, action: 'resume', body }));
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['note']));
    }
  });

  return (
    <Modal title={t('sla.clocks.resumeTitle', { kind, ref: referral.contactRef })} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="clock-resume-form">
        {clock.pauseReason && <p className="reason-note">{t('sla.clock.reason', { text: clock.pauseReason })}</p>}
        <Alert>{banner}</Alert>
        <Field id="clock-resume-note" label={t('sla.clocks.note')} error={error} hint={t('sla.clocks.noteHint')}>
          <textarea {...describedBy('clock-resume-note', error, t('sla.clocks.noteHint'))} {...form.register('note')} rows={3} data-testid="clock-resume-note" autoFocus />
        </Field>
        <FormActions
          pending={action.isPending}
          pendingLabel={t('sla.clocks.working')}
          submitLabel={t('sla.clocks.confirmResume')}
          onCancel={onClose}
          submitTestId="clock-resume-confirm"
        />
      </form>
    </Modal>
  );
}
