import { useTranslation } from 'react-i18next';

export function FormActions({ pending, submitLabel, onCancel }: { pending: boolean; submitLabel: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t('common.saving') : submitLabel}
      </button>
    </div>
  );
}
