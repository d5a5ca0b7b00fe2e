import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type WorkingCalendar, type Weekday } from '../../../../shared/index.js';
import { FieldError } from '../../components/field.js';
import { officeHours } from './agency-form-values.js';

type Interval = [string, string];

interface Props {
  value: WorkingCalendar | undefined;
  onChange: (v: WorkingCalendar) => void;
  /** Messages under calendar.hours.<day>. */
  dayErrors: Partial<Record<Weekday, string[]>>;
  /** A message about the calendar as a whole (e.g. no working interval at all). */
  error?: string;
}

/** 24/7, or working hours per weekday (several intervals a day, e.g. around the lunch break). */
export function CalendarEditor({ value = { mode: '24x7' }, onChange, dayErrors, error }: Props) {
  const { t } = useTranslation();
  const hours = value.mode === 'working_hours' ? value.hours : {};
  const setDay = (day: Weekday, intervals: Interval[]) => onChange({ mode: 'working_hours', hours: { ...hours, [day]: intervals } });

  return (
    <fieldset className="fieldset" data-testid="calendar-editor">
      <legend>{t('calendar.title')}</legend>
      <div className="radio-row">
        <label>
          <input type="radio" name="calendar-mode" checked={value.mode === '24x7'} onChange={() => onChange({ mode: '24x7' })} />
          {t('calendar.mode24x7')}
        </label>
        <label>
          <input type="radio" name="calendar-mode" checked={value.mode === 'working_hours'} onChange={() => onChange(officeHours())} />
          {t('calendar.modeWorkingHours')}
        </label>
      </div>
      {value.mode === 'working_hours' && (
        <>
          <table className="calendar-table">
            <tbody>
              {WEEKDAYS.map((day) => (
                <DayRow key={day} day={day} intervals={hours[day] ?? []} errors={dayErrors[day] ?? []} onChange={(iv) => setDay(day, iv)} />
              ))}
            </tbody>
          </table>
          <button type="button" className="button button--small button--link" onClick={() => onChange(officeHours())}>
            {t('calendar.resetDefault')}
          </button>
        </>
      )}
      <p className="field-hint">{t('calendar.holidaysNote')}</p>
      <FieldError message={error} />
    </fieldset>
  );
}

function DayRow({ day, intervals, errors, onChange }: { day: Weekday; intervals: Interval[]; errors: string[]; onChange: (iv: Interval[]) => void }) {
  const { t } = useTranslation();
  const dayName = t(`weekdays.${day}`);
  const setAt = (i: number, iv: Interval) => onChange(intervals.map((x, j) => (j === i ? iv : x)));
  return (
    <tr>
      <th scope="row">{dayName}</th>
      <td>
        <div className="day-intervals">
          {intervals.length === 0 && <span className="muted">{t('calendar.dayOff')}</span>}
          {intervals.map(([from, to], i) => (
            <span key={i} className="interval">
              <input type="time" aria-label={`${dayName} ${i + 1}: ${t('calendar.from')}`} value={from} onChange={(e) => setAt(i, [e.target.value, to])} />
              <span aria-hidden="true">–</span>
              <input type="time" aria-label={`${dayName} ${i + 1}: ${t('calendar.to')}`} value={to} onChange={(e) => setAt(i, [from, e.target.value])} />
              <button
                type="button"
                className="button button--small button--icon"
                aria-label={`${t('calendar.removeInterval')} (${dayName} ${i + 1})`}
                onClick={() => onChange(intervals.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </span>
          ))}
          {intervals.length < 4 && (
            <button
              type="button"
              className="button button--small button--link"
              aria-label={`${t('calendar.addInterval')} (${dayName})`}
              onClick={() => onChange([...intervals, intervals.length ? ['13:30', '17:00'] : ['07:30', '11:30']])}
            >
              + {t('calendar.addInterval')}
            </button>
          )}
          {errors.map((m) => (
            <FieldError key={m} message={m} />
          ))}
        </div>
      </td>
    </tr>
  );
}
