import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { messagesUnder } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import { ABROAD_COUNTRIES, type TriageValues } from './triage-values.js';
import { PlaceField } from './place-field.js';

/** Where the victim is now: a place in Viet Nam (either structure, found as the caller says it), a country abroad, or unknown. */
export function LocationFieldset() {
  const { t } = useTranslation();
  const { country } = useLabels();
  const { register, control, formState } = useFormContext<TriageValues>();
  const loc = useWatch({ control, name: 'location' });
  const isUnit = loc.kind === 'unit';
  const errors = messagesUnder(formState.errors, 'location');

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
        {isUnit && <PlaceField name="location" idPrefix="location" invalid={errors.length > 0} describedBy="location-hint" />}
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
      {isUnit && (
        <p className="field-hint" id="location-hint">
          {t('operator.triage.location.hint')}
        </p>
      )}
      {errors.map((m) => (
        <FieldError key={m} message={m} />
      ))}
    </fieldset>
  );
}
