import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SUPPORT_REGIMES, WISHES } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { useLabels } from '../../i18n/use-labels.js';
import type { TriageValues } from './triage-values.js';

/** The victim's wishes (routing follows them) and the support needed (Art. 37 regimes). */
export function WishesNeedsFieldset() {
  const { t } = useTranslation();
  const { label, regime } = useLabels();
  const { register, formState } = useFormContext<TriageValues>();
  const noteErr = firstMessage(formState.errors, 'wishesNote');
  return (
    <fieldset className="fieldset triage-section">
      <legend>{t('operator.triage.wishesNeeds')}</legend>
      <fieldset className="fieldset fieldset--bare">
        <legend className="label">{t('operator.triage.wishes')}</legend>
        <div className="radio-row">
          {WISHES.map((w) => (
            <label key={w}>
              <input type="radio" value={w} data-testid={`wish-${w}`} {...register('wishes')} />
              <span>{label('wish', w)}</span>
            </label>
          ))}
        </div>
        <FieldError message={firstMessage(formState.errors, 'wishes')} />
      </fieldset>
      <div className="field">
        <label htmlFor="wishes-note">{t('operator.triage.wishesNote')}</label>
        <input maxLength={500} {...describedBy('wishes-note', noteErr)} data-testid="wishes-note" {...register('wishesNote')} />
        <FieldError id="wishes-note-error" message={noteErr} />
      </div>
      <fieldset className="fieldset fieldset--bare">
        <legend className="label">{t('operator.triage.needs')}</legend>
        <div className="checkbox-grid checkbox-grid--dense">
          {SUPPORT_REGIMES.map((r) => (
            <label key={r}>
              <input type="checkbox" value={r} data-testid={`need-${r}`} {...register('needs')} />
              <span>{regime(r)}</span>
            </label>
          ))}
        </div>
        <FieldError message={firstMessage(formState.errors, 'needs')} />
      </fieldset>
    </fieldset>
  );
}
