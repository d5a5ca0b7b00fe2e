import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useSession } from '../auth/use-session.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { tabOf } from '../referrals/referral-format.js';
import { useReferralFeed } from '../referrals/use-referral-feed.js';
import { useSlaFeed } from '../referrals/clock-feed.js';
import { AgencyDetail } from './agency-detail.js';
import { EscalationsPanel } from './escalations-panel.js';
import { useInboxPage, useInboxPageLive, useInboxPaging } from './inbox-api.js';
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
  const paging = useInboxPaging();
  const { tab, setTab } = paging;
  // Show the tab a referral is in now; staying on the page on show when it is this tab's (opening one on page 3).
  const follow = (status: ReferralSummary['status']) => {
    if (tabOf(status) !== tab) setTab(tabOf(status));
  };
  const list = useInboxPage(tab, paging.after, paging.pageIndex);
  const firstPage = paging.pageIndex === 0 && !list.isPlaceholderData && list.data?.tab === tab;
  const offline = useOfflineInbox(user?.id ?? null, tab, list.data, firstPage, list.isError || list.fetchStatus === 'paused', list.dataUpdatedAt);
  const [selected, setSelected] = useState<number | null>(null);
  const [urgent, setUrgent] = useState<ReferralSummary[]>([]);
  // Two live regions: an urgent referral interrupts (assertive) and is not overwritten by an ordinary one.
  const [announcement, setAnnouncement] = useState({ urgent: '', other: '' });
  const agencyId = user?.agencyId ?? null;

  // The server sends only this agency's referrals; one that moved to another agency leaves the inbox.
  const keep = useCallback((r: ReferralSummary) => agencyId === null || r.agency === null || r.agency.id === agencyId, [agencyId]);

  useSlaFeed(); // warnings, breaches and pauses refresh the inbox's clocks
  useInboxPageLive(); // the open page is read again: order, counts and totals stay the server's
  // Referrals this inbox has shown or heard of: an update of one of them is no news (the list is paged, so the
  // feed's own "was listed" sees only the unpaged list, which this inbox does not load).
  const known = useRef(new Set<number>());
  useEffect(() => {
    for (const r of list.data?.referrals ?? []) known.current.add(r.id);
  }, [list.data]);
  useReferralFeed({
    keep,
    onChanged: (r, listed) => {
      const wasListed = listed || known.current.has(r.id);
      known.current.add(r.id);
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

  const shownPage = list.data ?? offline.page;
  const referrals = (shownPage?.referrals ?? []).filter(keep);
  const open = (id: number) => {
    setSelected(id);
    const r = referrals.find((x) => x.id === id) ?? urgent.find((x) => x.id === id);
    setUrgent((u) => u.filter((x) => x.id !== id));
    if (r) follow(r.status);
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
        <InboxList
          page={shownPage}
          referrals={referrals}
          loading={(list.isPending && !shownPage) || list.isPlaceholderData}
          tab={tab}
          onTab={setTab}
          selected={selected}
          onSelect={open}
          pageIndex={list.data?.pageIndex ?? 0}
          onPrev={list.data && !list.isPlaceholderData && paging.pageIndex > 0 ? paging.prev : undefined}
          onNext={list.data?.next && !list.isPlaceholderData ? () => paging.next(list.data.next!) : undefined}
        />
        {selected === null ? (
          <section className="panel inbox-detail inbox-detail--empty">
            <p className="empty-note">{t('referral.inbox.pick')}</p>
          </section>
        ) : (
          <AgencyDetail id={selected} keep={keep} onClose={() => setSelected(null)} onMoved={follow} />
        )}
      </div>
    </div>
  );
}
