import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus, ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { withWholeRefs } from '../components/whole-refs.js';
import { ClockPanel } from '../referrals/clock-panel.js';
import { useSlaFeed } from '../referrals/clock-feed.js';
import { DisclosureSection } from '../referrals/disclosure-section.js';
import { PriorityBadge, StatusPill } from '../referrals/referral-badges.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { ReferralFacts } from '../referrals/referral-facts.js';
import { useReferral } from '../referrals/referrals-api.js';
import { ReferralActions } from './referral-actions.js';
import { SupportSection } from './support-section.js';
import { ReferralTimeline } from '../referrals/referral-timeline.js';

interface Props {
  id: number;
  keep?: (r: ReferralSummary) => boolean;
  onClose: () => void;
  /** The referral moved to another status by this officer's action (the inbox follows it to its tab). */
  onMoved: (status: ReferralStatus) => void;
}

/** The right-hand pane: the referral, its deadline clocks, the consent-gated disclosure, the actions its status allows, support given. */
export function AgencyDetail({ id, keep, onClose, onMoved }: Props) {
  const { t } = useTranslation();
  const detail = useReferral(id);
  // Pauses and escalations of clocks come as 'sla:changed' (ids only): the lists and this detail are read again.
  useSlaFeed();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setNotice(null), [id]);
  // Opening a referral shows it: below the list on a narrow screen, the whole screen on a phone, from its top.
  const pane = useRef<HTMLElement>(null);
  useEffect(() => {
    pane.current?.scrollTo?.({ top: 0 });
    if (getComputedStyle(pane.current!).position !== 'fixed') pane.current?.scrollIntoView?.({ block: 'start' });
  }, [id]);
  const r = detail.data;

  return (
    <section ref={pane} className="panel inbox-detail" data-testid="referral-detail" data-status={r?.status} aria-labelledby="referral-detail-title" aria-busy={detail.isFetching || undefined}>
      <header className="panel-header detail-header">
        <h2 id="referral-detail-title">{r ? withWholeRefs(t('referral.detail.title', { ref: r.contactRef })) : t('referral.detail.loading')}</h2>
        <button type="button" className="button button--ghost detail-back" onClick={onClose} aria-label={t('referral.detail.close')} data-testid="detail-back">
          <span aria-hidden="true">←</span>
          <span className="detail-back-text">{t('referral.detail.backToList')}</span>
        </button>
      </header>
      {detail.isError && <Alert>{actionErrorText(detail.error)}</Alert>}
      {detail.isPending && <p className="muted">{t('referral.detail.loading')}</p>}
      {r && (
        <>
          <div className="inline-row">
            <PriorityBadge priority={r.priority} />
            <StatusPill status={r.status} />
          </div>
          <div aria-live="polite">
            <Alert kind="success">{notice}</Alert>
          </div>
          <ReferralActions
            referral={r}
            keep={keep}
            onDone={(message, status) => {
              setNotice(message);
              onMoved(status);
            }}
          />
          <ClockPanel key={r.id} referral={r} keep={keep} />
          <ReferralFacts referral={r} />
          <DisclosureSection referral={r} />
          <SupportSection key={r.id} referral={r} keep={keep} />
          {/* Follow-ups of the case (issue 17): the news on this referral, its text as consent allows. */}
          {r.timeline && r.timeline.length > 0 && <ReferralTimeline events={r.timeline} />}
        </>
      )}
    </section>
  );
}
