import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SUPPORT_REGIMES, type AgencyInput } from '../../../../shared/index.js';
import { firstMessage } from '../../api/form-errors.js';
import { FieldError } from '../../components/field.js';
import { regimeLetter } from './agency-form-values.js';

/** Support regimes a–k of Art. 37, Law 53/2024/QH15. */
export function ServicesFieldset() {
  const { t } = useTranslation();
  const { register, formState } = useFormContext<AgencyInput>();
  return (
    <fieldset className="fieldset">
      <legend>{t('agencies.services')}</legend>
      <p className="field-hint">{t('agencies.servicesHint')}</p>
      <div className="checkbox-grid">
        {SUPPORT_REGIMES.map((s) => (
          <label key={s}>
            <input type="checkbox" value={s} {...register('services')} />
            <span className="regime-letter">{regimeLetter(s)}</span> {t(`services.${s}`)}
          </label>
        ))}
      </div>
      <FieldError message={firstMessage(formState.errors, 'services')} />
    </fieldset>
  );
}
