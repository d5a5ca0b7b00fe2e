import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ownMessage } from '../../api/form-errors.js';
import { FieldError } from '../../components/field.js';
import { newVictim, type TriageValues } from './triage-values.js';
import { VictimRowFields } from './victim-row.js';

/** The people the report is about: one row each (a case to refer needs at least one). */
export function VictimsFieldset() {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<TriageValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'victims' });
  return (
    <fieldset className="fieldset triage-section" data-testid="victims">
      <legend>
        {t('operator.triage.victims')} <span className="count">{fields.length}</span>
      </legend>
      {fields.length === 0 && <p className="muted">{t('operator.triage.noVictims')}</p>}
      {fields.map((f, i) => (
        <VictimRowFields key={f.id} index={i} onRemove={() => remove(i)} />
      ))}
      <FieldError message={ownMessage(formState.errors, 'victims')} />
      <button type="button" className="button button--small" data-testid="add-victim" onClick={() => append(newVictim())}>
        + {t('operator.triage.addVictim')}
      </button>
    </fieldset>
  );
}
