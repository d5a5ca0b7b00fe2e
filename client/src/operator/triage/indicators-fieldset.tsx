import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { INDICATOR_GROUPS, type IndicatorGroup } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import type { TriageValues } from './triage-values.js';

const GROUPS = Object.keys(INDICATOR_GROUPS) as IndicatorGroup[];

/** The ILO/UNODC screening checklist, in its four groups. */
export function IndicatorsFieldset() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { register, control, formState } = useFormContext<TriageValues>();
  const checked = useWatch({ control, name: 'indicators' }) ?? [];
  return (
    <fieldset className="fieldset triage-section" data-testid="indicators">
      <legend>{t('operator.triage.indicators')}</legend>
      <p className="field-hint">{t('operator.triage.indicatorsHint')}</p>
      <div className="indicator-groups">
        {GROUPS.map((g) => {
          const ids = INDICATOR_GROUPS[g] as readonly string[];
          const n = checked.filter((i) => ids.includes(i)).length;
          return (
            <fieldset key={g} className="indicator-group" data-testid={`indicator-group-${g}`}>
              <legend>
                {label('indicatorGroup', g)} {n > 0 && <span className="count count--on">{n}</span>}
              </legend>
              {INDICATOR_GROUPS[g].map((id) => (
                <label key={id} className="check">
                  <input type="checkbox" value={id} data-testid={`indicator-${id}`} {...register('indicators')} />
                  <span>{label('indicator', id)}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      <FieldError message={firstMessage(formState.errors, 'indicators')} />
    </fieldset>
  );
}
