import { FormActions } from '../../components/form-actions.js';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { MANUAL_CHANNELS, manualIntakeBody, type ContactDetail, type ManualIntakeBody } from '../../../../shared/index.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { http } from '../../api/http.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field } from '../../components/field.js';
import { Modal } from '../../components/modal.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { useLabels } from '../../i18n/use-labels.js';

type Input = z.input<typeof manualIntakeBody>;
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A walk-in, a Zalo or Facebook message, an email…: logged by hand, claimed by the operator at once. */
export function ManualIntakeDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: ContactDetail) => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [banner, setBanner] = useState('');
  const form = useForm<Input, unknown, ManualIntakeBody>({
    resolver: zodResolver(manualIntakeBody, { error: zodErrorMap }),
    defaultValues: { channel: 'walk_in', callerPhone: null, callerHandle: null, summary: '', claim: true },
  });
  const { register, handleSubmit, formState } = form;
  const err = (k: keyof Input) => formState.errors[k]?.message;

  const submit = handleSubmit(async (body) => {
    setBanner('');
    try {
      const { contact } = await http.post<{ contact: ContactDetail }>('/api/contacts', body);
      onCreated(contact);
    } catch (e) {
      setBanner(applyServerErrors(e, form.setError, ['channel', 'callerPhone', 'callerHandle', 'summary']));
    }
  });

  return (
    <Modal title={t('operator.intake.title')} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="manual-intake-form">
        <p className="muted">{t('operator.intake.intro')}</p>
        <Alert>{banner}</Alert>
        <Field id="intake-channel" label={t('operator.intake.channel')} error={err('channel')} required>
          <select {...describedBy('intake-channel', err('channel'))} {...register('channel')} data-testid="intake-channel">
            {MANUAL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {label('channel', c)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field-row">
          <Field id="intake-phone" label={t('operator.intake.phone')} error={err('callerPhone')} hint={t('operator.intake.optional')}>
            <input
              type="tel"
              autoComplete="off"
              placeholder="0912345678"
              {...describedBy('intake-phone', err('callerPhone'), t('operator.intake.optional'))}
              {...register('callerPhone', { setValueAs: blankToNull })}
              data-testid="intake-phone"
            />
          </Field>
          <Field id="intake-handle" label={t('operator.intake.handle')} error={err('callerHandle')} hint={t('operator.intake.handleHint')}>
            <input
              autoComplete="off"
              {...describedBy('intake-handle', err('callerHandle'), t('operator.intake.handleHint'))}
              {...register('callerHandle', { setValueAs: blankToNull })}
              data-testid="intake-handle"
            />
          </Field>
        </div>
        <Field id="intake-summary" label={t('operator.intake.summary')} error={err('summary')}>
          <textarea rows={4} maxLength={2000} {...describedBy('intake-summary', err('summary'))} {...register('summary')} data-testid="intake-summary" />
        </Field>
        <FormActions pending={formState.isSubmitting} submitLabel={t('operator.intake.submit')} onCancel={onClose} submitTestId="intake-submit" />
      </form>
    </Modal>
  );
}
