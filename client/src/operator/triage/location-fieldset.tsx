import { useDeferredValue, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { UNIT_DATASETS, type UnitDataset } from '../../../../shared/index.js';
import { messagesUnder } from '../../api/form-errors.js';
import { useUnits } from '../../api/units-api.js';
import { describedBy, FieldError } from '../../components/field.js';
import { UnitSelect } from '../../components/unit-select.js';
import { useLabels } from '../../i18n/use-labels.js';
import { ABROAD_COUNTRIES, type TriageValues } from './triage-values.js';

/** Where the victim is now: an administrative unit (province → (district →) commune), a country abroad, or unknown. */
export function LocationFieldset() {
  const { t } = useTranslation();
  const { country } = useLabels();
  const { register, control, setValue, formState } = useFormContext<TriageValues>();
  const loc = useWatch({ control, name: 'location' });
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const isUnit = loc.kind === 'unit';
  const threeTier = loc.dataset === 'vn-2023';
  const communeParent = threeTier ? loc.district : loc.province;
  const provinces = useUnits({ dataset: loc.dataset, level: 'province' }, isUnit);
  const districts = useUnits({ dataset: loc.dataset, level: 'district', parent: loc.province }, isUnit && threeTier && loc.province !== '');
  const communes = useUnits(
    { dataset: loc.dataset, level: 'commune', parent: communeParent, q: q.length >= 2 ? q : undefined },
    isUnit && communeParent !== '',
  );
  const errors = messagesUnder(formState.errors, 'location');
  const set = (patch: Partial<TriageValues['location']>) => {
    for (const [k, v] of Object.entries(patch))
      setValue(`location.${k as keyof TriageValues['location']}`, v as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  };

  return (
    <fieldset className="fieldset triage-section" data-testid="location">
      <legend>{t('operator.triage.location.title')}</legend>
      <div className="field-row field-row--four">
        <div className="field">
          <label htmlFor="location-kind">{t('operator.triage.location.kind')}</label>
          <select {...describedBy('location-kind', errors[0])} data-testid="location-kind" {...register('location.kind')}>
            {(['unit', 'abroad', 'unknown'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`operator.triage.location.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {isUnit && (
          <>
            <div className="field">
              <label htmlFor="location-dataset">{t('coverage.dataset')}</label>
              <select
                id="location-dataset"
                value={loc.dataset}
                onChange={(e) => set({ dataset: e.target.value as UnitDataset, province: '', district: '', commune: '' })}
              >
                {UNIT_DATASETS.map((d) => (
                  <option key={d} value={d}>
                    {t(`coverage.datasets.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <UnitSelect
              id="location-province"
              testId="location-province"
              label={t('coverage.province')}
              units={provinces.data}
              loading={provinces.isFetching}
              value={loc.province}
              onChange={(v) => set({ province: v, district: '', commune: '' })}
            />
            {threeTier && (
              <UnitSelect
                id="location-district"
                testId="location-district"
                label={t('coverage.district')}
                units={loc.province ? districts.data : []}
                loading={districts.isFetching}
                value={loc.district}
                onChange={(v) => set({ district: v, commune: '' })}
              />
            )}
            <UnitSelect
              id="location-commune"
              testId="location-commune"
              label={t('coverage.commune')}
              units={communeParent ? communes.data : []}
              loading={communes.isFetching}
              value={loc.commune}
              onChange={(v) => set({ commune: v })}
              search={{ label: t('coverage.search'), value: search, onChange: setSearch }}
            />
          </>
        )}
        {loc.kind === 'abroad' && (
          <>
            <div className="field">
              <label htmlFor="location-country">{t('operator.triage.location.country')}</label>
              <select {...describedBy('location-country', errors[0])} data-testid="location-country" {...register('location.country')}>
                <option value="">{t('coverage.choose')}</option>
                {ABROAD_COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {country(c)}
                  </option>
                ))}
                <option value="other">{t('operator.triage.location.otherCountry')}</option>
              </select>
            </div>
            {loc.country === 'other' && (
              <div className="field">
                <label htmlFor="location-country-other">{t('operator.triage.location.countryCode')}</label>
                <input maxLength={2} placeholder="ID" {...describedBy('location-country-other')} {...register('location.countryOther')} />
              </div>
            )}
          </>
        )}
      </div>
      {isUnit && <p className="field-hint">{t('operator.triage.location.hint')}</p>}
      {errors.map((m) => (
        <FieldError key={m} message={m} />
      ))}
    </fieldset>
  );
}
