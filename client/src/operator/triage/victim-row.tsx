import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, ageBandOf, VICTIM_SEXES } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { CountryPicker } from '../../components/country-picker.js';
import { EthnicityPicker } from '../../components/ethnicity-picker.js';
import { describedBy, FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import { derivedUnder18, type TriageValues } from './triage-values.js';

const toAge = (v: unknown) => (v === '' || v == null ? null : Number(v));

/** One victim: name (optional), sex, exact age or age band, ethnicity, nationality; "under 18" follows from the age when known. */
export function VictimRowFields({ index: i, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { register, control, formState } = useFormContext<TriageValues>();
  const row = useWatch({ control, name: `victims.${i}` });
  const age = typeof row?.age === 'number' && Number.isFinite(row.age) ? row.age : null;
  const derived = age !== null || (row?.ageBand != null && row.ageBand !== 'unknown');
  const under18 = row ? derivedUnder18(row) === true : false;
  const e = (k: string) => firstMessage(formState.errors, `victims.${i}.${k}`);
  const id = (k: string) => `victim-${i}-${k}`;

  return (
    <div className="victim-row" data-testid={`victim-${i}`} role="group" aria-label={t('operator.triage.victimN', { n: i + 1 })}>
      <span className="victim-n" aria-hidden="true">
        {i + 1}
      </span>
      <div className="field field--name">
        <label htmlFor={id('name')}>{t('operator.triage.victimName')}</label>
        <input type="text" maxLength={200} autoComplete="off" {...describedBy(id('name'), e('name'))} data-testid={id('name')} {...register(`victims.${i}.name`)} />
      </div>
      <div className="field field--sex">
        <label htmlFor={id('sex')}>{t('operator.triage.sex')}</label>
        <select {...describedBy(id('sex'), e('sex'))} data-testid={id('sex')} {...register(`victims.${i}.sex`)}>
          {VICTIM_SEXES.map((s) => (
            <option key={s} value={s}>
              {label('victimSex', s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--age">
        <label htmlFor={id('age')}>{t('operator.triage.age')}</label>
        <input
          type="number"
          min={0}
          max={120}
          inputMode="numeric"
          {...describedBy(id('age'), e('age'))}
          data-testid={id('age')}
          {...register(`victims.${i}.age`, { setValueAs: toAge })}
        />
      </div>
      <div className="field field--band">
        <label htmlFor={id('ageBand')}>{t('operator.triage.ageBand')}</label>
        {age !== null ? (
          <input id={id('ageBand')} value={label('ageBand', ageBandOf(age))} readOnly tabIndex={-1} className="derived" />
        ) : (
          <select {...describedBy(id('ageBand'), e('ageBand'))} data-testid={id('ageBand')} {...register(`victims.${i}.ageBand`, { setValueAs: (v) => v || null })}>
            <option value="">{t('operator.triage.ageBandNone')}</option>
            {AGE_BANDS.map((b) => (
              <option key={b} value={b}>
                {label('ageBand', b)}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="field field--ethnicity">
        <label htmlFor={id('ethnicity')}>{t('operator.triage.ethnicity')}</label>
        <Controller
          control={control}
          name={`victims.${i}.ethnicity`}
          render={({ field }) => (
            <EthnicityPicker {...describedBy(id('ethnicity'), e('ethnicity'))} data-testid={id('ethnicity')}
              value={field.value} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} />
          )}
        />
      </div>
      <div className="field field--nationality">
        <label htmlFor={id('nationality')}>{t('operator.triage.nationality')}</label>
        <Controller
          control={control}
          name={`victims.${i}.nationality`}
          render={({ field }) => (
            <CountryPicker {...describedBy(id('nationality'), e('nationality'))} data-testid={id('nationality')}
              value={field.value} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} />
          )}
        />
      </div>
      <Controller
        control={control}
        name={`victims.${i}.under18`}
        render={({ field }) => (
          <label className={`check check--under18${derived ? ' check--derived' : ''}`} title={derived ? t('operator.triage.under18Derived') : undefined}>
            <input
              type="checkbox"
              data-testid={id('under18')}
              checked={under18}
              disabled={derived}
              onChange={(ev) => field.onChange(ev.target.checked ? true : null)}
              onBlur={field.onBlur}
              ref={field.ref}
            />
            <span>{t('operator.triage.under18')}</span>
          </label>
        )}
      />
      <button type="button" className="button button--ghost button--small victim-remove" onClick={onRemove} aria-label={t('operator.triage.removeVictim', { n: i + 1 })}>
        ×
      </button>
      <div className="victim-errors">
        {(['name', 'sex', 'age', 'ageBand', 'ethnicity', 'nationality', 'under18'] as const).map((k) => (
          <FieldError key={k} id={`${id(k)}-error`} message={e(k)} />
        ))}
      </div>
    </div>
  );
}
