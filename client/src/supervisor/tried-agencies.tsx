import { useTranslation } from 'react-i18next';
import type { TrackAttempt } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';

/**
 * Agencies that already had the case on this track, and how each turn ended. They stay in the assign form's list:
 * asking the one that declined or let it expire again is a new attempt, recorded as such.
 */
export function TriedAgencies({ attempts }: { attempts: TrackAttempt[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  if (attempts.length === 0) return <p className="muted small">{t('supervisor.assign.noneTried')}</p>;
  return (
    <div className="assign-tried" data-testid="assign-tried">
      <p className="small">{t('supervisor.assign.tried')}</p>
      <ul>
        {attempts.map((a) => (
          <li key={a.referralId} data-agency-id={a.agency.id} data-status={a.status}>
            <strong>{a.agency.name}</strong> · {label('referralStatus', a.status)} · {t('supervisor.assign.attemptN', { n: a.attempt })}{' '}
            <time className="muted" dateTime={a.createdAt}>
              {formatDateTime(a.createdAt)}
            </time>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How many times each agency already had the case on this track. */
export function triedCounts(attempts: TrackAttempt[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const a of attempts) m.set(a.agency.id, (m.get(a.agency.id) ?? 0) + 1);
  return m;
}
