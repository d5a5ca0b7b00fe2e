import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTABLE_STATUSES, type SettableStatus } from '../../../shared/index.js';
import { formatDuration } from '../i18n/format.js';
import { useSecond } from '../referrals/clock-tick.js';
import { usePhone } from './phone-context.js';
import { StatusBadge } from './status-badge.js';

/** The operator's own status: shown with its time, set by hand to available, break or offline (not during a call). */
export function StatusSwitch() {
  const { t } = useTranslation();
  const { own, setStatus, config } = usePhone();
  const [busy, setBusy] = useState(false);
  const now = useSecond();
  const onCall = own.status === 'on_call';
  const wrapLeft = own.status === 'wrap_up' && own.since && config ? config.wrapUpMaxSeconds - (now - Date.parse(own.since)) / 1000 : null;

  const choose = async (s: SettableStatus) => {
    setBusy(true);
    await setStatus(s);
    setBusy(false);
  };
  return (
    <div className="status-switch" role="group" aria-label={t('phone.status.label')}>
      <StatusBadge status={own.status} since={own.since} testId="my-status" />
      {wrapLeft !== null && wrapLeft > 0 && <span className="muted small">{t('phone.status.wrapUpLeft', { time: formatDuration(wrapLeft) })}</span>}
      <div className="segmented">
        {SETTABLE_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={own.status === s}
            aria-label={t('phone.status.set', { status: t(`phone.status.${s}`) })}
            data-testid={`set-status-${s}`}
            disabled={busy || onCall}
            onClick={() => void choose(s)}
          >
            {t(`phone.status.${s}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
