import { useTranslation } from 'react-i18next';
import { CaseAccessLog } from '../audit/case-access-log.js';
import { Alert } from '../components/alert.js';
import { Modal } from '../components/modal.js';
import { useLabels } from '../i18n/use-labels.js';
import { useSlaFeed } from '../referrals/clock-feed.js';
import { ClockPanel } from '../referrals/clock-panel.js';
import { DisclosureSection } from '../referrals/disclosure-section.js';
import { PriorityBadge, StatusPill } from '../referrals/referral-badges.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { ReferralFacts } from '../referrals/referral-facts.js';
import { ReferralTimeline } from '../referrals/referral-timeline.js';
import { useReferral } from '../referrals/referrals-api.js';
import { AssignForm } from './assign-form.js';
import { useAssignableAgencies } from './supervisor-api.js';

interface Props {
  id: number;
  onClose: () => void;
  onAssigned: (message: string) => void;
}

/** A referral as the hotline sees it: its clocks, the facts, the whole timeline, and (when nobody took it) the assign form. */
export function SupervisorDetail({ id, onClose, onAssigned }: Props) {
  const { t } = useTranslation();
  const { regime } = useLabels();
  const detail = useReferral(id);
  // A pause or escalation of this referral's clocks re-reads it (the board re-reads itself).
  useSlaFeed({ lists: false });
  const agencies = useAssignableAgencies();
  const agencyName = (agencyId: number) => agencies.data?.find((a) => a.id === agencyId)?.name;
  const r = detail.data;

  return (
    <Modal title={r ? t('referral.detail.title', { ref: r.contactRef }) : t('referral.detail.loading')} onClose={onClose} wide>
      <div className="stack supervisor-detail" data-testid="referral-detail" data-status={r?.status} aria-busy={detail.isFetching || undefined}>
        {detail.isError && <Alert>{actionErrorText(detail.error)}</Alert>}
        {detail.isPending && <p className="muted">{t('referral.detail.loading')}</p>}
        {r && (
          <>
            <div className="inline-row">
              <PriorityBadge priority={r.priority} />
              <StatusPill status={r.status} />
            </div>
            {r.status === 'needs_supervisor' && <AssignForm key={r.id} referral={r} onDone={onAssigned} />}
            <div className="supervisor-detail-grid">
              <div className="stack">
                <ClockPanel key={r.id} referral={r} />
                <ReferralFacts referral={r} showAgency />
                <DisclosureSection referral={r} />
                {r.support.length > 0 && (
                  <section>
                    <h3>{t('referral.support.title')}</h3>
                    <ul className="support-list" data-testid="support-list">
                      {r.support.map((s) => (
                        <li key={s.id}>
                          {regime(s.regime)} · {s.givenOn} {s.note && `· ${s.note}`}
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
                <CaseAccessLog caseRef={r.contactRef} />
              </div>
              <ReferralTimeline events={r.timeline} agencyName={agencyName} />
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}
