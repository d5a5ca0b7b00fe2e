import { useTranslation } from 'react-i18next';
import type { CallbackSummary } from '../../../shared/index.js';
import { formatDuration } from '../i18n/format.js';

/** A missed call to call back: why, the attempts so far, and its first-attempt clock (time left, or overdue). */
export function CallbackBadge({ callback: cb, max, now }: { callback: CallbackSummary; max: number; now: number }) {
  const { t } = useTranslation();
  const left = cb.dueAt ? (Date.parse(cb.dueAt) - now) / 1000 : null;
  const overdue = cb.breached || (left !== null && left < 0);
  return (
    <span className="callback-badge" data-testid="callback-badge" data-reason={cb.reason} data-attempts={cb.attempts}>
      <span className="badge badge--callback">{t('phone.callback.badge')}</span>
      <span>{t(`phone.callback.reason.${cb.reason}`)}</span>
      <span className="callback-attempts">{t('phone.callback.attempts', { n: cb.attempts, max })}</span>
      {cb.status === 'open' && left !== null && (
        <span className={overdue ? 'badge badge--breached' : 'callback-due'} data-testid="callback-clock">
          {overdue ? t('phone.callback.overdue', { time: formatDuration(-(left ?? 0)) }) : t('phone.callback.due', { time: formatDuration(left) })}
        </span>
      )}
    </span>
  );
}
