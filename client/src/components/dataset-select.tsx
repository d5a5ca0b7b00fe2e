import { useTranslation } from 'react-i18next';
import { UNIT_DATASETS, type UnitDataset } from '../../../shared/index.js';
import './dataset-select.css';

interface Props {
  id: string;
  value: UnitDataset;
  onChange: (d: UnitDataset) => void;
  /** The label when not the coverage picker's. */
  label?: string;
  testId?: string;
}

/**
 * The administrative-unit dataset (two-tier since 1 July 2025, or the three-tier one before), first step of every unit
 * picker. As wide as its longest option (the .dataset-field rule), so the choice is never cut off.
 */
export function DatasetSelect({ id, value, onChange, label, testId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field dataset-field">
      <label htmlFor={id}>{label ?? t('coverage.dataset')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as UnitDataset)} data-testid={testId}>
        {UNIT_DATASETS.map((d) => (
          <option key={d} value={d}>
            {t(`coverage.datasets.${d}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
