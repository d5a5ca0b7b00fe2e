import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../shared/index.js';

interface Props {
  id: string;
  label: string;
  units: UnitView[] | undefined;
  loading: boolean;
  value: string;
  onChange: (code: string) => void;
  /** A button after the select (the coverage picker's "+ add"); left out when picking a single unit. */
  actionLabel?: string;
  onAction?: () => void;
  actionDisabled?: boolean;
  testId?: string;
  /** A server-side name search (communes can number in the hundreds per province). */
  search?: { label: string; value: string; onChange: (v: string) => void };
}

export function UnitSelect({ id, label, units, loading, value, onChange, actionLabel, onAction, actionDisabled, search, testId }: Props) {
  const { t } = useTranslation();
  const disabled = !units || (units.length === 0 && !search?.value);
  return (
    <div className="field unit-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-busy={loading || undefined} data-testid={testId}>
        <option value="">{loading ? t('app.loading') : t('coverage.choose')}</option>
        {(units ?? []).map((u) => (
          <option key={u.code} value={u.code}>
            {u.name} ({u.code})
          </option>
        ))}
      </select>
      {search && (
        <input
          type="search"
          className="unit-search"
          aria-label={search.label}
          placeholder={search.label}
          value={search.value}
          onChange={(e) => search.onChange(e.target.value)}
          disabled={disabled}
        />
      )}
      {actionLabel && onAction && (
        <button type="button" className="button button--small" onClick={onAction} disabled={actionDisabled}>
          + {actionLabel}
        </button>
      )}
    </div>
  );
}
