import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONSENTS } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import type { TriageValues } from './triage-values.js';

/** Consent to share (Art. 3.10) and the operator's account of the contact. */
export function ConsentNarrativeFieldset() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { register, formState } = useFormContext<TriageValues>();
  const narrativeErr = firstMessage(formState.errors, 'narrative');
  return (
    <fieldset className="fieldset triage-section">
      <legend>{t('operator.triage.consent')}</legend>
      <p className="field-hint">{t('operator.triage.consentHint')}</p>
      <div className="radio-row">
        {CONSENTS.map((c) => (
          <label key={c}>
            <input type="radio" value={c} data-testid={`consent-${c}`} {...register('consent')} />
            <span>{label('consent', c)}</span>
          </label>
        ))}
      </div>
      <FieldError message={firstMessage(formState.errors, 'consent')} />
      <div className="field">
        <label htmlFor="narrative">{t('operator.triage.narrative')}</label>
        <textarea rows={6} maxLength={20_000} {...describedBy('narrative', narrativeErr)} data-testid="narrative" {...register('narrative')} />
        <FieldError id="narrative-error" message={narrativeErr} />
      </div>
    </fieldset>
  );
}
