import { useTranslation } from 'react-i18next';

interface Props {
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
  submitTestId?: string;
  /** Shown while pending instead of "Saving…" (e.g. "Working…" for an action that is not a save). */
  pendingLabel?: string;
  /** A destructive action (decline) gets the danger style. */
  danger?: boolean;
}

/** Cancel and submit, the footer of every form and dialog. */
export function FormActions({ pending, submitLabel, onCancel, submitTestId, pendingLabel, danger }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={pending} data-testid={submitTestId}>
        {pending ? (pendingLabel ?? t('common.saving')) : submitLabel}
      </button>
    </div>
  );
}
