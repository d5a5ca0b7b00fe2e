import { useTranslation } from 'react-i18next';

interface Props {
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
  submitTestId?: string;
}

export function FormActions({ pending, submitLabel, onCancel, submitTestId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={pending} data-testid={submitTestId}>
        {pending ? t('common.saving') : submitLabel}
      </button>
    </div>
  );
}
