import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vnDay, WEEKDAYS, type HolidayView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { FormActions } from '../../components/form-actions.js';
import { Modal } from '../../components/modal.js';
import { actionErrorText } from '../../referrals/referral-errors.js';
import { OverrideForm } from './override-form.js';
import { useDeleteOverride, useHolidays } from './sla-api.js';

/** The current year in Vietnam (UTC+7), whatever the browser's zone. */
const thisYear = () => Number(vnDay().slice(0, 4));

/** "Thứ Hai, 01/09/2025" from "2025-09-01". */
function useDateText() {
  const { t } = useTranslation();
  return (date: string) => {
    const [y, m, d] = date.split('-');
    const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
    return `${weekday ? `${t(`weekdays.${weekday}`)}, ` : ''}${d}/${m}/${y}`;
  };
}

/** A year's days off under the law plus the admin's overrides (extra days off, make-up working days). */
export function HolidaysPanel() {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear);
  const holidays = useHolidays(year);
  const remove = useDeleteOverride();
  const dateText = useDateText();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<HolidayView | null>(null);
  const [banner, setBanner] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const list = [...(holidays.data ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.source.localeCompare(b.source));
  const years = [...new Set([thisYear() - 1, thisYear(), thisYear() + 1, thisYear() + 2, year])].sort((a, b) => a - b);

  const onRemove = async (h: HolidayView) => {
    if (h.overrideId === null) return;
    setBanner(null);
    try {
      await remove.mutateAsync(h.overrideId);
      setBanner({ kind: 'success', text: t('sla.holidays.removed', { date: dateText(h.date) }) });
    } catch (err) {
      setBanner({ kind: 'error', text: actionErrorText(err) });
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section className="admin-section sla-holidays" aria-labelledby="holidays-title" data-testid="sla-holidays">
      <div className="section-header">
        <h3 id="holidays-title">{t('sla.holidays.title')}</h3>
        <div className="inline-row holidays-toolbar">
          <label htmlFor="holidays-year">{t('sla.holidays.year')}</label>
          <select id="holidays-year" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="holidays-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <button type="button" className="button button--primary" onClick={() => setAdding(true)} data-testid="add-override">
            + {t('sla.holidays.add')}
          </button>
        </div>
      </div>
      <p className="muted small">{t('sla.holidays.intro')}</p>
      <div aria-live="polite">{banner && <Alert kind={banner.kind}>{banner.text}</Alert>}</div>
      {holidays.isError && <Alert>{t('common.loadError', { message: holidays.error.message })}</Alert>}
      {holidays.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className="data-table">
          <div className="table-scroll">
            <table className="compact-table" data-testid="holidays-table">
              <caption className="visually-hidden">
                {t('sla.holidays.title')} {year} ({t('sla.holidays.count', { count: list.length })})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('sla.holidays.date')}</th>
                  <th scope="col">{t('sla.holidays.name')}</th>
                  <th scope="col">{t('sla.holidays.kind')}</th>
                  <th scope="col">{t('sla.holidays.source')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((h) => (
                  <tr key={`${h.date}-${h.source}-${h.overrideId ?? ''}`} data-testid={`holiday-${h.date}`} data-source={h.source} data-kind={h.kind}>
                    <td className="nowrap">{dateText(h.date)}</td>
                    <td>{h.name}</td>
                    <td>
                      <span className={`pill ${h.kind === 'workday' ? 'pill--work' : 'pill--off'}`}>{t(`sla.holidays.kinds.${h.kind}`)}</span>
                    </td>
                    <td>{t(`sla.holidays.sources.${h.source}`)}</td>
                    <td className="cell-actions">
                      {h.source === 'override' && h.overrideId !== null && (
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          onClick={() => setRemoving(h)}
                          aria-label={t('sla.holidays.removeAria', { date: dateText(h.date) })}
                          data-testid={`delete-override-${h.overrideId}`}
                        >
                          {t('sla.holidays.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {list.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty-row">
                      {t('sla.holidays.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {adding && (
        <Modal title={t('sla.holidays.addTitle')} onClose={() => setAdding(false)}>
          <OverrideForm
            year={year}
            onCancel={() => setAdding(false)}
            onSaved={(_h, date) => {
              setAdding(false);
              setBanner({ kind: 'success', text: t('sla.holidays.added', { date: dateText(date) }) });
              const y = Number(date.slice(0, 4));
              if (y !== year) setYear(y);
            }}
          />
        </Modal>
      )}
      {removing && (
        <Modal title={t('sla.holidays.removeTitle', { date: dateText(removing.date) })} onClose={() => setRemoving(null)}>
          <form
            className="stack"
            data-testid="delete-override-form"
            onSubmit={(e) => {
              e.preventDefault();
              void onRemove(removing);
            }}
          >
            <p>{t('sla.holidays.removeExplain', { date: dateText(removing.date), name: removing.name })}</p>
            <FormActions
              danger
              pending={remove.isPending}
              pendingLabel={t('sla.clocks.working')}
              submitLabel={t('sla.holidays.removeConfirm')}
              onCancel={() => setRemoving(null)}
              submitTestId="delete-override-confirm"
            />
          </form>
        </Modal>
      )}
    </section>
  );
}
