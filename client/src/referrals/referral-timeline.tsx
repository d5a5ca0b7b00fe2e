import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralEvent } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import './referral-timeline.css';
import { TimelineDetails } from './timeline-details.js';

/** Every event of a referral, oldest first: what, who, when (hotline staff only). */
export function ReferralTimeline({ events, agencyName }: { events: ReferralEvent[] | null; agencyName?: (id: number) => string | undefined }) {
  const { t } = useTranslation();
  // One id per timeline: a case's page shows one for each of its referrals.
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="timeline-section">
      <h3 id={titleId}>{t('referral.timeline.title')}</h3>
      {!events || events.length === 0 ? (
        <p className="muted">{t('referral.timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {[...events]
            .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
            .map((e) => (
              <li key={e.id} className={`timeline-event timeline-event--${e.type}`} data-event-type={e.type}>
                <div className="timeline-head">
                  <strong>{t(`referral.event.${e.type}`, { defaultValue: e.type })}</strong>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </div>
                <div className="muted small">{e.actor ?? t('referral.timeline.system')}</div>
                <TimelineDetails event={e} agencyName={agencyName} />
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
