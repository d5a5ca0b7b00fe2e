import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SEXES, type AgencyInput } from '../../../../shared/index.js';
import { firstMessage, ownMessage } from '../../api/form-errors.js';
import { describedBy, Field, FieldError } from '../../components/field.js';

const NUMBER_FIELDS = ['ageMin', 'ageMax', 'capacity', 'occupancy'] as const;

/** Who a shelter can take in, and how many places are left: routing rule 3 matches on these. */
export function ShelterFields() {
  const { t } = useTranslation();
  const { register, formState } = useFormContext<AgencyInput>();
  const { errors } = formState;
  const sexesError = firstMessage(errors, 'shelter.acceptedSexes');
  const profileError = ownMessage(errors, 'shelter');

  return (
    <fieldset className="fieldset" data-testid="shelter-fields">
      <legend>{t('shelter.title')}</legend>
      <fieldset className="fieldset fieldset--bare" aria-describedby={sexesError ? 'shelter-sexes-error' : undefined}>
        <legend className="label">{t('shelter.acceptedSexes')}</legend>
        <div className="checkbox-row">
          {SEXES.map((s) => (
            <label key={s}>
              <input type="checkbox" value={s} {...register('shelter.acceptedSexes')} /> {t(`sexes.${s}`)}
            </label>
          ))}
        </div>
        <FieldError id="shelter-sexes-error" message={sexesError} />
      </fieldset>
      <div className="field-row field-row--four">
        {NUMBER_FIELDS.map((f) => {
          const err = firstMessage(errors, `shelter.${f}`);
          return (
            <Field key={f} id={`shelter-${f}`} label={t(`shelter.${f}`)} error={err} required={f !== 'occupancy'}>
              <input {...describedBy(`shelter-${f}`, err)} type="number" min={0} inputMode="numeric" {...register(`shelter.${f}`, { valueAsNumber: true })} />
            </Field>
          );
        })}
      </div>
      <FieldError message={profileError} />
    </fieldset>
  );
}
