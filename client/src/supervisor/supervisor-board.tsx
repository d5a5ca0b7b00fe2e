import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { TrainingPanel } from '../phone/training-panel.js';
import { useReferralFeed } from '../referrals/use-referral-feed.js';
import { AllReferrals } from './all-referrals.js';
import { FailedJobs } from './failed-jobs.js';
import { OutboxPanel } from './outbox-panel.js';
import { SlaBoard } from './sla/sla-board.js';
import { SupervisorDetail } from './supervisor-detail.js';
import { SupervisorQueue } from './supervisor-queue.js';
import '../referrals/referrals.css';
import '../agency/agency.css';
import './supervisor.css';

/** Supervisor landing page: the live SLA board, then referrals nobody took, failed background jobs, and every referral. */
export function SupervisorBoard() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useReferralFeed({
    onChanged: (r) => {
      if (r.status === 'needs_supervisor') setAnnouncement(t('supervisor.queue.arrived', { ref: r.contactRef }));
    },
  });

  return (
    <div className="supervisor">
      <PageHeader testId="landing-supervisor" title={t('landing.supervisor.title')} intro={t('landing.supervisor.intro')} />
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      {notice && (
        <div className="desk-notice" data-testid="supervisor-notice">
          <Alert kind="success">{notice}</Alert>
          <button type="button" className="button button--ghost button--icon" onClick={() => setNotice(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      <TrainingPanel live />
      <SlaBoard onOpen={setOpen} />
      <div className="supervisor-grid">
        <SupervisorQueue onOpen={setOpen} />
        <FailedJobs />
      </div>
      <AllReferrals onOpen={setOpen} />
      <OutboxPanel />
      {open !== null && (
        <SupervisorDetail
          id={open}
          onClose={() => setOpen(null)}
          onAssigned={(message) => {
            setOpen(null);
            setNotice(message);
          }}
        />
      )}
    </div>
  );
}
