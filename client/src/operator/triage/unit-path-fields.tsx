import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useUnitPathOptions } from '../../api/use-unit-path.js';
import { UnitSelect } from '../../components/unit-select.js';
import { DatasetSelect } from '../../components/dataset-select.js';
import type { TriageValues, UnitPathUi } from './triage-values.js';

interface Props {
  /** The form object holding dataset, province, district and commune. */
  name: 'location' | 'homeLocation';
  /** Prefix of the ids and test ids: `<prefix>-dataset`, `<prefix>-province`, … */
  idPrefix: string;
}

/** Dataset, then province → (district →) commune, kept in the form so a restored draft shows the same choice. */
export function UnitPathFields({ name, idPrefix }: Props) {
  const { t } = useTranslation();
  const { control, setValue, formState } = useFormContext<TriageValues>();
  const path = useWatch({ control, name }) as UnitPathUi;
  const { search, setSearch, threeTier, communeParent, provinces, districts, communes } = useUnitPathOptions(path);
  const set = (patch: Partial<UnitPathUi>) => {
    for (const [k, v] of Object.entries(patch))
      setValue(`${name}.${k as keyof UnitPathUi}`, v as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  };
  const id = (part: string) => `${idPrefix}-${part}`;

  return (
    <>
      <DatasetSelect id={id('dataset')} value={path.dataset} onChange={(dataset) => set({ dataset, province: '', district: '', commune: '' })} />
      <UnitSelect
        id={id('province')}
        testId={id('province')}
        label={t('coverage.province')}
        units={provinces.data}
        loading={provinces.isFetching}
        value={path.province}
        onChange={(v) => set({ province: v, district: '', commune: '' })}
      />
      {threeTier && (
        <UnitSelect
          id={id('district')}
          testId={id('district')}
          label={t('coverage.district')}
          units={path.province ? districts.data : []}
          loading={districts.isFetching}
          value={path.district}
          onChange={(v) => set({ district: v, commune: '' })}
        />
      )}
      <UnitSelect
        id={id('commune')}
        testId={id('commune')}
        label={t('coverage.commune')}
        units={communeParent ? communes.data : []}
        loading={communes.isFetching}
        value={path.commune}
        onChange={(v) => set({ commune: v })}
        search={{ label: t('coverage.search'), value: search, onChange: setSearch }}
      />
    </>
  );
}
