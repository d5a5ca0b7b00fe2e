import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { resolveEscalationBody, type EscalationView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { Modal } from '../../components/modal.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { actionErrorText } from '../../referrals/referral-errors.js';
import { useResolveEscalation } from './board-api.js';

type In = z.input<typeof resolveEscalationBody>;
type Out = z.output<typeof resolveEscalationBody>;

/** The supervisor records what was decided about a missed deadline; the escalation then leaves the board. */
export function ResolveDialog({ escalation: e, onClose, onDone, scope = 'supervisor' }: { escalation: EscalationView; onClose: () => void; onDone: () => void; scope?: 'supervisor' | 'agency' }) {
  const { t } = useTranslation();
  const resolve = useResolveEscalation(scope);
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(resolveEscalationBody, { error: zodErrorMap }), defaultValues: { note: '' } });
  const error = form.formState.errors.note?.message;

  const onSubmit = form.handleSubmit(async ({ note }) => {
    setBanner(null);
    try {
      await resolve.mutateAsync({ id: e.id, note });
      onDone();
    } catch (err) {
      setBanner(actionErrorText(err, form.setError, ['note']));
    }
  });

  return (
    <Modal title={t('sla.board.resolveTitle', { ref: e.contactRef, kind: t(`sla.kind.${e.clockKind}`), level: e.level })} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="resolve-form">
        <p className="alert alert--info">{t('sla.board.resolveExplain')}</p>
        <Alert>{banner}</Alert>
        <Field id="resolve-note" label={t('sla.board.note')} error={error} hint={t('sla.board.noteHint')} required>
          <textarea {...describedBy('resolve-note', error, t('sla.board.noteHint'))} {...form.register('note')} rows={4} data-testid="resolve-note" autoFocus />
        </Field>
        <FormActions pending={resolve.isPending} submitLabel={t('sla.board.resolveConfirm')} onCancel={onClose} submitTestId="resolve-confirm" />
      </form>
    </Modal>
  );
}
