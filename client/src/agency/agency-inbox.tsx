import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useSession } from '../auth/use-session.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { tabOf, type InboxTab } from '../referrals/referral-format.js';
import { useReferralList } from '../referrals/referrals-api.js';
import { useReferralFeed } from '../referrals/use-referral-feed.js';
import { useSlaFeed } from '../referrals/clock-feed.js';
import { AgencyDetail } from './agency-detail.js';
import { EscalationsPanel } from './escalations-panel.js';
import { InboxList } from './inbox-list.js';
import { OccupancyBox } from './occupancy-box.js';
import { UrgentBanner } from './urgent-banner.js';
import { PushOptIn } from './push-optin.js';
import { useOfflineInbox } from './use-offline-inbox.js';
import { formatDateTime } from '../i18n/format.js';
import '../referrals/referrals.css';
import './agency.css';
import './agency-phone.css';

/** Agency officer landing page: the referrals sent to the officer's own agency, live. */
export function AgencyInbox() {
  const { t } = useTranslation();
  const { data: user } = useSession();
  const list = useReferralList();
  const offline = useOfflineInbox(user?.id ?? null, list.data, list.isError || list.fetchStatus === 'paused', list.dataUpdatedAt);
  const [tab, setTab] = useState<InboxTab>('new');
  const [selected, setSelected] = useState<number | null>(null);
  const [urgent, setUrgent] = useState<ReferralSummary[]>([]);
  // Two live regions: an urgent referral interrupts (assertive) and is not overwritten by an ordinary one.
  const [announcement, setAnnouncement] = useState({ urgent: '', other: '' });
  const agencyId = user?.agencyId ?? null;

  // The server sends only this agency's referrals; one that moved to another agency leaves the inbox.
  const keep = useCallback((r: ReferralSummary) => agencyId === null || r.agency === null || r.agency.id === agencyId, [agencyId]);

  useSlaFeed(); // warnings, breaches and pauses refresh the inbox's clocks
  useReferralFeed({
    keep,
    onChanged: (r, wasListed) => {
      // An urgent referral that someone has dealt with stops shouting.
      if (r.status !== 'pending') setUrgent((u) => u.filter((x) => x.id !== r.id));
      // New to this inbox: just created, or assigned here by a supervisor.
      if (wasListed || r.status !== 'pending' || !keep(r)) return;
      const loud = r.priority === 'urgent' || r.immediateDanger;
      if (loud) setUrgent((u) => [r, ...u.filter((x) => x.id !== r.id)]);
      const text = t(loud ? 'referral.inbox.urgentNew' : 'referral.inbox.newReferral', { ref: r.contactRef });
      setAnnouncement((a) => (loud ? { ...a, urgent: text } : { ...a, other: text }));
    },
  });

  const shownList = list.data ?? offline.referrals;
  const referrals = (shownList ?? []).filter(keep);
  const open = (id: number) => {
    setSelected(id);
    setUrgent((u) => u.filter((x) => x.id !== id));
    const r = referrals.find((x) => x.id === id);
    if (r) setTab(tabOf(r.status));
  };
  const title = user?.agencyName ? `${t('referral.inbox.title')} · ${user.agencyName}` : t('referral.inbox.title');

  return (
    <div className={selected === null ? 'inbox' : 'inbox inbox--detail-open'}>
      <PageHeader testId="landing-agency_officer" title={title} intro={t('landing.agency.intro')} />
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="urgent-announcer">
        {announcement.urgent}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="inbox-announcer">
        {announcement.other}
      </div>
      {urgent.length > 0 && <UrgentBanner referrals={urgent} onOpen={open} onDismiss={() => setUrgent([])} />}
      <PushOptIn />
      {user && <OccupancyBox user={user} referrals={referrals} />}
      <EscalationsPanel />
      {offline.stale ? (
        <p className="alert alert--warning inbox-stale" role="status" data-testid="inbox-stale">
          {t('referral.offline.stale', { time: formatDateTime(offline.at!) })}
        </p>
      ) : (
        list.isError && <Alert>{t('common.loadError', { message: list.error.message })}</Alert>
      )}
      <div className="inbox-grid">
        <InboxList referrals={shownList && referrals} loading={list.isPending && !shownList} tab={tab} onTab={setTab} selected={selected} onSelect={open} />
        {selected === null ? (
          <section className="panel inbox-detail inbox-detail--empty">
            <p className="empty-note">{t('referral.inbox.pick')}</p>
          </section>
        ) : (
          <AgencyDetail id={selected} keep={keep} onClose={() => setSelected(null)} onMoved={(status) => setTab(tabOf(status))} />
        )}
      </div>
    </div>
  );
}
