import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, PRIORITIES, ROUTED_CLASSIFICATIONS, type BoardQuery, type UnitDataset, type UnitView } from '../../../../shared/index.js';
import { useUnits } from '../../api/units-api.js';
import { useLabels } from '../../i18n/use-labels.js';
import { useAssignableAgencies } from '../supervisor-api.js';
import type { FilterKey } from './use-board-filters.js';

export interface ProvinceOption {
  id: number;
  name: string;
  dataset: UnitDataset | null;
}

interface Props {
  filters: BoardQuery;
  onChange: (key: FilterKey, value: string) => void;
  onClear: () => void;
  active: boolean;
  /** Provinces seen on the board so far (their ids), for when the units list carries no ids. */
  seenProvinces: ProvinceOption[];
}

/** Today's provinces (the board counts a place named on the old map in the 2025 province that holds it). */
function useProvinceOptions(seen: ProvinceOption[]): ProvinceOption[] {
  const v25 = useUnits({ dataset: 'vn-2025', level: 'province' });
  const byId = new Map<number, ProvinceOption>();
  for (const u of (v25.data ?? []) as (UnitView & { id?: number })[])
    if (typeof u.id === 'number') byId.set(u.id, { id: u.id, name: u.name, dataset: u.dataset });
  for (const p of seen) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Province, agency, agency type, priority, classification: each narrows the board and the metrics. */
export function BoardFilters({ filters, onChange, onClear, active, seenProvinces }: Props) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const agencies = useAssignableAgencies();
  const provinces = useProvinceOptions(seenProvinces);
  const agencyOptions = (agencies.data ?? []).filter((a) => !filters.agencyType || a.type === filters.agencyType);

  return (
    <div className="filter-row sla-filters" role="group" aria-label={t('sla.board.filters')} data-testid="board-filters">
      <div className="field">
        <label htmlFor="board-province">{t('sla.board.province')}</label>
        <select id="board-province" value={filters.provinceId ?? ''} onChange={(e) => onChange('provinceId', e.target.value)} data-testid="board-filter-province">
          <option value="">{t('sla.board.any')}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-agency-type">{t('sla.board.agencyType')}</label>
        <select id="board-agency-type" value={filters.agencyType ?? ''} onChange={(e) => onChange('agencyType', e.target.value)} data-testid="board-filter-agency-type">
          <option value="">{t('sla.board.any')}</option>
          {AGENCY_TYPES.map((a) => (
            <option key={a} value={a}>
              {label('agencyType', a)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-agency">{t('sla.board.agency')}</label>
        <select id="board-agency" value={filters.agencyId ?? ''} onChange={(e) => onChange('agencyId', e.target.value)} data-testid="board-filter-agency">
          <option value="">{t('sla.board.any')}</option>
          {agencyOptions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-priority">{t('sla.board.priority')}</label>
        <select id="board-priority" value={filters.priority ?? ''} onChange={(e) => onChange('priority', e.target.value)} data-testid="board-filter-priority">
          <option value="">{t('sla.board.any')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`referral.priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-classification">{t('sla.board.classification')}</label>
        <select
          id="board-classification"
          value={filters.classification ?? ''}
          onChange={(e) => onChange('classification', e.target.value)}
          data-testid="board-filter-classification"
        >
          <option value="">{t('sla.board.any')}</option>
          {ROUTED_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {label('classification', c)}
            </option>
          ))}
        </select>
      </div>
      {active && (
        <button type="button" className="button button--small sla-filters-clear" onClick={onClear} data-testid="board-filter-clear">
          {t('sla.board.clear')}
        </button>
      )}
    </div>
  );
}
