import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { useLabels } from '../i18n/use-labels.js';
import { useNow } from '../operator/desk/use-now.js';
import { PriorityBadge } from '../referrals/referral-badges.js';
import { ageText, inboxOrder, locationText, victimsSummary } from '../referrals/referral-format.js';
import { useSupervisorQueue } from '../referrals/referrals-api.js';

/** Referrals nobody took (no agency covers the place, the agencies declined, or none acknowledged in time): live, oldest urgent first. */
export function SupervisorQueue({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const { label, country, why } = useLabels();
  const queue = useSupervisorQueue();
  const now = useNow(5000);
  const items = (queue.data ?? []).filter((r) => r.status === 'needs_supervisor').sort(inboxOrder);

  return (
    <section className="panel supervisor-queue-panel" aria-labelledby="sv-queue-title">
      <header className="panel-header">
        <h2 id="sv-queue-title">
          {t('supervisor.queue.title')} <span className={`count${items.length > 0 ? ' count--urgent' : ''}`}>{items.length}</span>
        </h2>
      </header>
      <p className="muted small">{t('supervisor.queue.intro')}</p>
      {queue.isError && <Alert>{t('common.loadError', { message: queue.error.message })}</Alert>}
      {queue.isPending && <p className="muted">{t('app.loading')}</p>}
      <ul className="inbox-list" data-testid="supervisor-queue" aria-live="polite" aria-relevant="additions">
        {items.map((r) => (
          <li key={r.id} className={`inbox-item inbox-item--${r.priority}`} data-testid={`referral-item-${r.id}`} data-status={r.status} data-priority={r.priority}>
            <button type="button" className="inbox-item-button" onClick={() => onOpen(r.id)} aria-label={`${r.contactRef}: ${t('supervisor.queue.open')}`}>
              <span className="ii-row">
                <PriorityBadge priority={r.priority} />
                <span className="ii-ref">{r.contactRef}</span>
                <span className="ii-age ii-age--loud">{t('referral.age.ago', { time: ageText(r.createdAt, now, t) })}</span>
              </span>
              <span className="ii-what">
                <strong>{label('classification', r.classification)}</strong> · {t(`referral.track.${r.track}`)}
              </span>
              <span className="ii-row ii-meta">
                <span>{locationText(r.location, t, country)}</span>
                <span>{victimsSummary(r.victims, t)}</span>
              </span>
              <span className="ii-meta small" data-testid="queue-why" data-reason={r.why.reason}>
                {why(r.why)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {queue.isSuccess && items.length === 0 && <p className="empty-note">{t('supervisor.queue.empty')}</p>}
    </section>
  );
}
