import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDate } from '../i18n/format.js';
import { describedBy, Field } from './field.js';
import { maskDateText } from './date-text.js';
import './date-field.css';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  id: string;
  label: string;
  /** YYYY-MM-DD, '' for none, or the text typed while it is not yet a day (so the form's check can refuse it). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** The form's error for this field (a period that ends before it starts…); a day that cannot be read comes first. */
  error?: string;
  testId?: string;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Latest day the calendar offers, YYYY-MM-DD. */
  max?: string;
  min?: string;
  autoFocus?: boolean;
  required?: boolean;
}

/**
 * A day written and typed as dd/mm/yyyy in both languages, whatever the browser's locale (a native date input shows
 * mm/dd/yyyy in an American browser); the value it gives is YYYY-MM-DD, as the API takes it. The button opens the
 * browser's calendar, whose choice is shown as dd/mm/yyyy too.
 */
export function DateField({ id, label, value, onChange, onBlur, error, testId, name, inputRef, min, max, autoFocus, required }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (ISO_DAY.test(value) ? formatDate(value) : value));
  const [unreadable, setUnreadable] = useState(false);
  const sent = useRef(value);
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (a preset, a reset, the URL) replaces the text; what this box sent itself does not.
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(ISO_DAY.test(value) ? formatDate(value) : value);
    setUnreadable(false);
  }, [value]);

  const emit = (next: string) => {
    sent.current = next;
    onChange(next);
  };
  const type = (raw: string) => {
    const next = maskDateText(raw, text);
    setText(next);
    if (unreadable && parseDate(next)) setUnreadable(false);
    emit(next.trim() === '' ? '' : (parseDate(next) ?? next));
  };
  const pick = (iso: string) => {
    if (!ISO_DAY.test(iso)) return;
    setText(formatDate(iso));
    setUnreadable(false);
    emit(iso);
  };
  const openCalendar = () => {
    const input = picker.current;
    if (!input) return;
    input.value = ISO_DAY.test(value) ? value : '';
    try {
      input.showPicker();
    } catch {
      input.focus();
    }
  };
  const shown = unreadable ? t('common.date.unreadable') : error;

  return (
    <Field id={id} label={label} error={shown} required={required} className="date-field">
      <div className="date-field-row">
        <input
          {...describedBy(id, shown)}
          ref={inputRef}
          name={name}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder={t('common.date.placeholder')}
          value={text}
          maxLength={10}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            setUnreadable(text.trim() !== '' && !parseDate(text));
            onBlur?.();
          }}
          data-testid={testId}
        />
        <button type="button" className="button date-field-calendar" onClick={openCalendar} aria-label={t('common.date.calendar', { label })} title={t('common.date.calendar', { label })}>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="1.75" y="2.75" width="12.5" height="11.5" rx="1.5" />
            <path d="M1.75 6.25h12.5M5 1.25v3M11 1.25v3" />
          </svg>
        </button>
        <input ref={picker} type="date" className="date-field-picker" tabIndex={-1} aria-hidden="true" min={min} max={max} onChange={(e) => pick(e.target.value)} />
      </div>
    </Field>
  );
}
