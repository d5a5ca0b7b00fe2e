import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UnitDataset, type UnitRef, type UnitView } from '../../../../shared/index.js';
import { FieldError } from '../../components/field.js';
import { useUnitPathOptions } from '../../api/use-unit-path.js';
import { ChosenUnits, unitKey, type KnownUnits } from './chosen-units.js';
import { UnitSelect } from '../../components/unit-select.js';
import { DatasetSelect } from '../../components/dataset-select.js';

interface Props {
  value: UnitRef[] | undefined;
  onChange: (v: UnitRef[]) => void;
  /** Names and levels of units already covered (from the agency), so the list can show them. */
  initialKnown: KnownUnits;
  errors: string[];
  /** Reused outside the agency form (e.g. a routing rule's area): ids, test ids and texts. */
  idPrefix?: string;
  title?: string;
  hint?: string;
}

/** Picks a list of administrative units (the units an agency covers): dataset, then province → (district →) commune. */
export function CoveragePicker({ value = [], onChange, initialKnown, errors, idPrefix = 'coverage', title, hint }: Props) {
  const { t } = useTranslation();
  const id = (part: string) => `${idPrefix}-${part}`;
  const [known, setKnown] = useState<KnownUnits>(initialKnown);
  const [dataset, setDataset] = useState<UnitDataset>(value[0]?.dataset ?? 'vn-2025');
  const [province, setProvince] = useState('');
  const [district, setDistrict] = useState('');
  const [commune, setCommune] = useState('');
  const { search, setSearch, threeTier, communeParent, provinces, districts, communes } = useUnitPathOptions({ dataset, province, district });

  const chosen = new Set(value.map(unitKey));
  const add = (unit: UnitView | undefined) => {
    if (!unit || chosen.has(unitKey(unit))) return;
    setKnown((k) => ({ ...k, [unitKey(unit)]: { name: unit.name, level: unit.level, path: unit.path } }));
    onChange([...value, { dataset: unit.dataset, code: unit.code }]);
  };
  const find = (list: UnitView[] | undefined, code: string) => list?.find((u) => u.code === code);

  return (
    <fieldset className="fieldset" data-testid={id('picker')}>
      <legend>{title ?? t('coverage.title')}</legend>
      <p className="field-hint">{hint ?? t('coverage.hint')}</p>
      <div className="field-row field-row--four">
        <DatasetSelect
          id={id('dataset')}
          value={dataset}
          onChange={(d) => {
            setDataset(d);
            setProvince('');
            setDistrict('');
            setCommune('');
          }}
        />
        <UnitSelect
          id={id('province')}
          testId={id('province')}
          label={t('coverage.province')}
          units={provinces.data}
          loading={provinces.isFetching}
          value={province}
          onChange={(v) => {
            setProvince(v);
            setDistrict('');
            setCommune('');
          }}
          actionLabel={t('coverage.addProvince')}
          onAction={() => add(find(provinces.data, province))}
          actionDisabled={!province || chosen.has(`${dataset}:${province}`)}
        />
        {threeTier && (
          <UnitSelect
            id={id('district')}
            testId={id('district')}
            label={t('coverage.district')}
            units={province ? districts.data : []}
            loading={districts.isFetching}
            value={district}
            onChange={(v) => {
              setDistrict(v);
              setCommune('');
            }}
            actionLabel={t('coverage.addDistrict')}
            onAction={() => add(find(districts.data, district))}
            actionDisabled={!district || chosen.has(`${dataset}:${district}`)}
          />
        )}
        <UnitSelect
          id={id('commune')}
          testId={id('commune')}
          label={t('coverage.commune')}
          units={communeParent ? communes.data : []}
          loading={communes.isFetching}
          value={commune}
          onChange={setCommune}
          search={{ label: t('coverage.search'), value: search, onChange: setSearch }}
          actionLabel={t('coverage.addCommune')}
          onAction={() => {
            add(find(communes.data, commune));
            setCommune('');
          }}
          actionDisabled={!commune || chosen.has(`${dataset}:${commune}`)}
        />
      </div>
      <ChosenUnits
        testId={id('chosen')}
        value={value}
        known={{ ...initialKnown, ...known }}
        onRemove={(key) => onChange(value.filter((u) => unitKey(u) !== key))}
      />
      {errors.map((m) => (
        <FieldError key={m} message={m} />
      ))}
    </fieldset>
  );
}
