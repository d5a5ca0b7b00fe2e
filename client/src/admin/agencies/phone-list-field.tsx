import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/field.js';

interface Props {
  value: string[] | undefined;
  onChange: (v: string[]) => void;
  errors: (string | undefined)[];
  listError?: string;
}

/** Focal phone numbers: the people the SLA warnings go to. The server normalises them to +84…. */
export function PhoneListField({ value = [], onChange, errors, listError }: Props) {
  const { t } = useTranslation();
  const set = (i: number, v: string) => onChange(value.map((p, j) => (j === i ? v : p)));
  return (
    <fieldset className="fieldset">
      <legend>{t('agencies.focalPhones')}</legend>
      <ul className="plain-list stack-s">
        {value.map((phone, i) => (
          <li key={i} className="inline-row">
            <label className="visually-hidden" htmlFor={`agency-phone-${i}`}>
              {`${t('agencies.focalPhones')} ${i + 1}`}
            </label>
            <input
              id={`agency-phone-${i}`}
              type="tel"
              value={phone}
              placeholder={t('agencies.phonePlaceholder')}
              aria-invalid={errors[i] ? true : undefined}
              aria-describedby={errors[i] ? `agency-phone-${i}-error` : undefined}
              onChange={(e) => set(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={t('agencies.removePhone', { phone: phone || i + 1 })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {t('common.remove')}
            </button>
            <FieldError id={`agency-phone-${i}-error`} message={errors[i]} />
          </li>
        ))}
      </ul>
      {value.length < 10 && (
        <button type="button" className="button button--small" onClick={() => onChange([...value, ''])}>
          + {t('agencies.addPhone')}
        </button>
      )}
      <FieldError message={listError} />
    </fieldset>
  );
}
