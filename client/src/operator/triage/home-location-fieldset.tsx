import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { messagesUnder } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import type { TriageValues } from './triage-values.js';
import { PlaceField } from './place-field.js';

/**
 * Where the victim lives (home, place of origin): a unit or unknown. The primary referral goes to the office
 * there when the victim wants to go home or is abroad.
 */
export function HomeLocationFieldset() {
  const { t } = useTranslation();
  const { register, control, setValue, formState } = useFormContext<TriageValues>();
  const home = useWatch({ control, name: 'homeLocation' });
  const loc = useWatch({ control, name: 'location' });
  const errors = messagesUnder(formState.errors, 'homeLocation');
  const canCopy = loc.kind === 'unit' && loc.code !== '';
  const sameAsLocation = canCopy && home.kind === 'unit' && home.dataset === loc.dataset && home.code === loc.code;
  const copyLocation = () =>
    setValue(
      'homeLocation',
      { kind: 'unit', dataset: loc.dataset, code: loc.code, path: loc.path, now: loc.now },
      { shouldDirty: true, shouldValidate: formState.isSubmitted },
    );

  return (
    <fieldset className="fieldset triage-section" data-testid="home-location">
      <legend>{t('operator.triage.homeLocation.title')}</legend>
      <div className="field-row field-row--four">
        <div className="field">
          <label htmlFor="home-location-kind">{t('operator.triage.homeLocation.kind')}</label>
          <select {...describedBy('home-location-kind', errors[0], 'home-location-hint')} data-testid="home-location-kind" {...register('homeLocation.kind')}>
            {(['unit', 'unknown'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`operator.triage.homeLocation.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {home.kind === 'unit' && <PlaceField name="homeLocation" idPrefix="home-location" invalid={errors.length > 0} />}
      </div>
      <p className="field-hint" id="home-location-kind-hint">
        {t('operator.triage.homeLocation.hint')}
      </p>
      {canCopy && !sameAsLocation && (
        <button type="button" className="button button--small" onClick={copyLocation} data-testid="home-location-copy">
          {t('operator.triage.homeLocation.sameAsLocation')}
        </button>
      )}
      {errors.map((m) => (
        <FieldError key={m} message={m} />
      ))}
    </fieldset>
  );
}
