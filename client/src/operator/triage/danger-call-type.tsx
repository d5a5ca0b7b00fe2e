import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CALL_TYPES } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import type { TriageValues } from './triage-values.js';

/** First things first: is anyone in danger right now, and what kind of contact is this. */
export function DangerAndCallType() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { register, control, formState } = useFormContext<TriageValues>();
  const danger = useWatch({ control, name: 'immediateDanger' });
  const callTypeErr = firstMessage(formState.errors, 'callType');
  return (
    <div className="triage-first">
      <label className={`danger-toggle${danger ? ' danger-toggle--on' : ''}`}>
        <input type="checkbox" data-testid="immediate-danger" {...register('immediateDanger')} />
        <span>
          <strong>{t('operator.triage.danger')}</strong>
          <span className="danger-hint">{t('operator.triage.dangerHint')}</span>
        </span>
      </label>
      <FieldError message={firstMessage(formState.errors, 'immediateDanger')} />
      <div className="field field--calltype">
        <label htmlFor="call-type">
          {t('operator.triage.callType')}
          <span aria-hidden="true" className="required-mark"> *</span>
        </label>
        <select {...describedBy('call-type', callTypeErr)} data-testid="call-type" {...register('callType', { setValueAs: (v) => v || null })}>
          <option value="">{t('coverage.choose')}</option>
          {CALL_TYPES.map((c) => (
            <option key={c} value={c}>
              {label('callType', c)}
            </option>
          ))}
        </select>
        <FieldError id="call-type-error" message={callTypeErr} />
      </div>
    </div>
  );
}
