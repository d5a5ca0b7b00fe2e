import { useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AgencyInput, AgencyView } from '../../../../shared/index.js';
import { DateField } from '../../components/date-field.js';
import { PlaceSearchBox, type PlacePick } from '../../components/place-search-box.js';

/**
 * When the agency exists (district offices ended with the three-tier structure on 30 June 2025; routing only picks
 * agencies that exist on the day) and where it sits (distances to the nearest shelter are measured from there).
 */
export function ValidityFields({ seat }: { seat: AgencyView['seat'] }) {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<AgencyInput>();
  const { errors } = formState;
  const [seatPick, setSeatPick] = useState<PlacePick | null>(seat ? { ...seat, now: [] } : null);
  return (
    <fieldset className="fieldset">
      <legend>{t('agencies.validity')}</legend>
      <p className="field-hint">{t('agencies.validityHint')}</p>
      <div className="field-row">
        {(['validFrom', 'validTo'] as const).map((k) => (
          <Controller
            key={k}
            control={control}
            name={k}
            render={({ field }) => (
              <DateField
                id={k === 'validFrom' ? 'agency-valid-from' : 'agency-valid-to'}
                label={t(`agencies.${k}`)}
                value={field.value ?? ''}
                onChange={(v) => field.onChange(v === '' ? null : v)}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={errors[k]?.message}
              />
            )}
          />
        ))}
        <div className="field field--grow">
          <label htmlFor="agency-seat">{t('agencies.seat')}</label>
          <Controller
            control={control}
            name="seat"
            render={({ field }) => (
              <PlaceSearchBox
                id="agency-seat"
                value={seatPick}
                onChange={(p) => {
                  setSeatPick(p);
                  field.onChange(p ? { dataset: p.dataset, code: p.code } : null);
                }}
                invalid={!!errors.seat}
              />
            )}
          />
          <p className="field-hint">{t('agencies.seatHint')}</p>
        </div>
      </div>
    </fieldset>
  );
}
