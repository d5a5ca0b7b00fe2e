import { useTranslation } from 'react-i18next';
import { DatasetSelect } from '../components/dataset-select.js';
import type { UnitView } from '../../../shared/index.js';
import { useUnitPathOptions } from '../api/use-unit-path.js';
import { FieldError } from '../components/field.js';
import { AreaPathLine } from './area-path.js';
import type { AreaPath } from './use-stats-filters.js';

export interface AreaChoice {
  path: AreaPath;
  /** admin_units.id of the deepest unit chosen; undefined: the whole country. */
  areaId?: number;
}

interface Props {
  value: AreaChoice;
  onChange: (next: AreaChoice) => void;
  /** The area's error (the shared schema's or the server's `areaId`). */
  error?: string;
}

const ID = 'stats-area';

/**
 * The statistics' area: the whole country, or a province, then optionally a district (three-tier dataset) and a
 * commune, in either dataset. Each choice reports the chosen unit's id at once, so a commune found by a name search
 * stays chosen when the search changes. The chosen unit shows below with its full path (and, if old, what it is now).
 */
export function AreaPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const { path } = value;
  const { search, setSearch, threeTier, communeParent, provinces, districts, communes } = useUnitPathOptions(path);
  const idOf = (list: UnitView[] | undefined, code: string) => list?.find((u) => u.code === code)?.id;

  const choose = (next: AreaPath) => {
    const areaId = next.commune
      ? idOf(communes.data, next.commune)
      : next.district
        ? idOf(districts.data, next.district)
        : next.province
          ? idOf(provinces.data, next.province)
          : undefined;
    onChange({ path: next, areaId });
  };
  const errorId = `${ID}-error`;
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <fieldset className="fieldset stats-area" data-testid="stats-area">
      <legend>{t('stats.filters.area')}</legend>
      <div className="stats-area-row">
        <DatasetSelect
          id={`${ID}-dataset`}
          testId={`${ID}-dataset`}
          label={t('stats.filters.dataset')}
          value={path.dataset}
          onChange={(dataset) => choose({ dataset, province: '', district: '', commune: '' })}
        />
        <UnitChoice
          id={`${ID}-province`}
          label={t('stats.filters.province')}
          all={t('stats.filters.nation')}
          units={provinces.data}
          loading={provinces.isFetching}
          value={path.province}
          onChange={(province) => choose({ ...path, province, district: '', commune: '' })}
          invalid={invalid}
        />
        {threeTier && (
          <UnitChoice
            id={`${ID}-district`}
            label={t('stats.filters.district')}
            all={t('stats.filters.wholeProvince')}
            units={path.province ? districts.data : []}
            loading={districts.isFetching}
            value={path.district}
            onChange={(district) => choose({ ...path, district, commune: '' })}
          />
        )}
        <div className="field">
          <UnitChoice
            id={`${ID}-commune`}
            label={t('stats.filters.commune')}
            all={threeTier && path.district ? t('stats.filters.wholeDistrict') : t('stats.filters.wholeProvince')}
            units={communeParent ? communes.data : []}
            loading={communes.isFetching}
            value={path.commune}
            onChange={(commune) => choose({ ...path, commune })}
            bare
          />
          <input
            type="search"
            className="stats-unit-search"
            aria-label={t('stats.filters.searchCommune')}
            placeholder={t('stats.filters.searchCommuneShort')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            disabled={!communeParent}
            data-testid={`${ID}-commune-search`}
          />
        </div>
      </div>
      <AreaPathLine dataset={path.dataset} code={path.commune || path.district || path.province} />
      <p className="field-hint">{t('stats.filters.datasetHint')}</p>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

interface ChoiceProps {
  id: string;
  label: string;
  /** The first option: everything at this level (the whole country, province or district). */
  all: string;
  units: UnitView[] | undefined;
  loading: boolean;
  value: string;
  onChange: (code: string) => void;
  invalid?: object;
  /** Inside a wrapper that already is a .field (the commune and its search box). */
  bare?: boolean;
}

function UnitChoice({ id, label, all, units, loading, value, onChange, invalid, bare }: ChoiceProps) {
  const { t } = useTranslation();
  const list = units ?? [];
  // A unit restored from the URL or found by a search that has since changed still shows as chosen.
  const missing = value && !list.some((u) => u.code === value);
  const select = (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={list.length === 0 && !value}
        aria-busy={loading || undefined}
        data-testid={id}
        {...invalid}
      >
        <option value="">{loading && list.length === 0 ? t('app.loading') : all}</option>
        {missing && <option value={value}>{value}</option>}
        {list.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
    </>
  );
  return bare ? select : <div className="field">{select}</div>;
}
