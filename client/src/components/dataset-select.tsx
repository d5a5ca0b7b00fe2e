import { useTranslation } from 'react-i18next';
import { UNIT_DATASETS, type UnitDataset } from '../../../shared/index.js';

/** The administrative-unit dataset (two-tier since 1 July 2025, or the three-tier one before), first step of every unit picker. */
export function DatasetSelect({ id, value, onChange }: { id: string; value: UnitDataset; onChange: (d: UnitDataset) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('coverage.dataset')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as UnitDataset)}>
        {UNIT_DATASETS.map((d) => (
          <option key={d} value={d}>
            {t(`coverage.datasets.${d}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
