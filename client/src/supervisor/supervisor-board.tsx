import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { TrainingPanel } from '../phone/training-panel.js';
import { useSupervisorQueue } from '../referrals/referrals-api.js';
import { useReferralFeed } from '../referrals/use-referral-feed.js';
import { AllReferrals, useAllReferrals } from './all-referrals.js';
import { BOARD_TABS, WALL_TABS, useBoardTab, type BoardTab } from './board-tabs.js';
import { useBoardCallbacks } from './callbacks/callbacks-api.js';
import { FailedJobs } from './failed-jobs.js';
import { useOutbox, useOutboxLive } from './outbox-api.js';
import { OutboxPanel } from './outbox-panel.js';
import { useReferralPageLive } from './referral-page-api.js';
import { useSlaBoard } from './sla/board-api.js';
import { usePresence } from './sla/board-presence.js';
import { SlaBoard } from './sla/sla-board.js';
import { useBoardFilters } from './sla/use-board-filters.js';
import { useBoardLive } from './sla/use-board-live.js';
import { useFailedJobs } from './supervisor-api.js';
import { SupervisorDetail } from './supervisor-detail.js';
import { SupervisorQueue } from './supervisor-queue.js';
import { formatTime } from '../i18n/format.js';
import '../referrals/referrals.css';
import '../agency/agency.css';
import './supervisor.css';

/**
 * The supervisor's desk, one job per tab, each with its count and live: the clocks, escalations to decide, the
 * queue nobody took, operators, callbacks, outbound messages, every referral (paged), metrics, failed jobs.
 * ?wall=1 is the call centre's wall display: large type, the first six tabs in turn, no controls.
 */
export function SupervisorBoard() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const { tab, setTab, wall } = useBoardTab();

  useReferralFeed({
    onChanged: (r) => {
      if (r.status === 'needs_supervisor') setAnnouncement(t('supervisor.queue.arrived', { ref: r.contactRef }));
    },
  });
  const filters = useBoardFilters();
  const board = useSlaBoard(filters.filters);
  useBoardLive(() => setAnnouncement(`${t('sla.board.newEscalation')} ${formatTime(new Date().toISOString(), false)}`));
  useOutboxLive();
  useReferralPageLive();
  const people = usePresence();
  const queue = useSupervisorQueue();
  const callbacks = useBoardCallbacks();
  const outbox = useOutbox(0);
  const jobs = useFailedJobs();
  const all = useAllReferrals();

  const counts: Record<BoardTab, number | null> = {
    clocks: board.data?.referrals.length ?? null,
    escalations: board.data?.escalations.length ?? null,
    queue: queue.data?.length ?? null,
    operators: people?.length ?? null,
    callbacks: callbacks.data?.length ?? null,
    outbox: outbox.data?.total ?? null,
    referrals: all.total,
    metrics: null,
    jobs: jobs.data?.length ?? null,
  };
  const urgent: Partial<Record<BoardTab, boolean>> = {
    escalations: (counts.escalations ?? 0) > 0,
    queue: (counts.queue ?? 0) > 0,
    callbacks: callbacks.data?.some((c) => c.breached) ?? false,
    jobs: (counts.jobs ?? 0) > 0,
  };
  const tabs = wall ? WALL_TABS : BOARD_TABS;
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length]!;
    setTab(next);
    document.getElementById(`board-tab-${next}`)?.focus();
  };

  return (
    <div className={`supervisor${wall ? ' board--wall' : ''}`} data-testid="supervisor-board" data-wall={wall || undefined}>
      {!wall && <PageHeader testId="landing-supervisor" title={t('landing.supervisor.title')} intro={t('landing.supervisor.intro')} />}
      {wall && <h1 className="wall-title" data-testid="landing-supervisor">{t('landing.supervisor.title')}</h1>}
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      {notice && !wall && (
        <div className="desk-notice" data-testid="supervisor-notice">
          <Alert kind="success">{notice}</Alert>
          <button type="button" className="button button--ghost button--icon" onClick={() => setNotice(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      {!wall && <TrainingPanel live />}
      <div className="board-tabs" role="tablist" aria-label={t('supervisor.tabs.label')} onKeyDown={onKey}>
        {tabs.map((k) => (
          <button
            key={k}
            id={`board-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls="board-panel"
            tabIndex={tab === k ? 0 : -1}
            className="board-tab"
            data-testid={`board-tab-${k}`}
            onClick={() => setTab(k)}
          >
            <span>{t(`supervisor.tabs.${k}`)}</span>
            {counts[k] !== null && (
              <span className={`count${urgent[k] ? ' count--urgent' : counts[k] ? ' count--on' : ''}`} data-testid={`board-count-${k}`}>
                {counts[k]}
              </span>
            )}
          </button>
        ))}
      </div>
      <div id="board-panel" role="tabpanel" aria-labelledby={`board-tab-${tab}`} className="board-panel" data-tab={tab}>
        {(tab === 'clocks' || tab === 'escalations' || tab === 'operators' || tab === 'callbacks' || tab === 'metrics') && (
          <SlaBoard view={tab} board={board} filters={filters} people={people} onOpen={setOpen} wall={wall} />
        )}
        {tab === 'queue' && <SupervisorQueue onOpen={setOpen} />}
        {tab === 'outbox' && <OutboxPanel />}
        {tab === 'referrals' && <AllReferrals onOpen={setOpen} {...all} />}
        {tab === 'jobs' && <FailedJobs />}
      </div>
      {open !== null && !wall && (
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
