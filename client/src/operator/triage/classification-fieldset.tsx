import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, TRAFFICKING_PURPOSES } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import { needsPurposes, type TriageValues } from './triage-values.js';

/** The operator's decision: one classification; for (suspected) trafficking, its purposes. */
export function ClassificationFieldset() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { register, control, formState } = useFormContext<TriageValues>();
  const classification = useWatch({ control, name: 'classification' });
  const err = firstMessage(formState.errors, 'classification');
  const purposeErr = firstMessage(formState.errors, 'purposes');
  return (
    <fieldset className="fieldset triage-section" aria-describedby={err ? 'classification-error' : undefined}>
      <legend>{t('operator.triage.classification')}</legend>
      <div className="choice-cards" role="radiogroup" aria-label={t('operator.triage.classification')}>
        {CLASSIFICATIONS.map((c) => (
          <label key={c} className={`choice-card choice-card--${c}`}>
            <input type="radio" value={c} data-testid={`classification-${c}`} {...register('classification')} />
            <span className="choice-title">{label('classification', c)}</span>
            <span className="choice-hint">{t(`operator.triage.classificationHint.${c}`)}</span>
          </label>
        ))}
      </div>
      <FieldError id="classification-error" message={err} />
      {needsPurposes(classification) && (
        <fieldset className="fieldset fieldset--bare" data-testid="purposes">
          <legend className="label">{t('operator.triage.purposes')}</legend>
          <div className="checkbox-grid">
            {TRAFFICKING_PURPOSES.map((p) => (
              <label key={p}>
                <input type="checkbox" value={p} data-testid={`purpose-${p}`} {...register('purposes')} aria-invalid={purposeErr ? true : undefined} />
                <span>{label('purpose', p)}</span>
              </label>
            ))}
          </div>
          <FieldError message={purposeErr} />
        </fieldset>
      )}
      {!needsPurposes(classification) && <FieldError message={purposeErr} />}
    </fieldset>
  );
}
