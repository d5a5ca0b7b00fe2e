import { useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AgencyInput, AgencyView } from '../../../../shared/index.js';
import { describedBy, Field } from '../../components/field.js';
import { PlaceSearchBox, type PlacePick } from '../../components/place-search-box.js';

const toNullable = (v: unknown) => (v === '' || v == null ? null : String(v));

/**
 * When the agency exists (district offices ended with the three-tier structure on 30 June 2025; routing only picks
 * agencies that exist on the day) and where it sits (distances to the nearest shelter are measured from there).
 */
export function ValidityFields({ seat }: { seat: AgencyView['seat'] }) {
  const { t } = useTranslation();
  const { register, control, formState } = useFormContext<AgencyInput>();
  const { errors } = formState;
  const [seatPick, setSeatPick] = useState<PlacePick | null>(seat ? { ...seat, now: [] } : null);
  return (
    <fieldset className="fieldset">
      <legend>{t('agencies.validity')}</legend>
      <p className="field-hint">{t('agencies.validityHint')}</p>
      <div className="field-row">
        <Field id="agency-valid-from" label={t('agencies.validFrom')} error={errors.validFrom?.message}>
          <input type="date" {...describedBy('agency-valid-from', errors.validFrom?.message)} {...register('validFrom', { setValueAs: toNullable })} />
        </Field>
        <Field id="agency-valid-to" label={t('agencies.validTo')} error={errors.validTo?.message}>
          <input type="date" {...describedBy('agency-valid-to', errors.validTo?.message)} {...register('validTo', { setValueAs: toNullable })} />
        </Field>
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
