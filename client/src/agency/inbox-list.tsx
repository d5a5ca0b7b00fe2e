import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxPage, ReferralSummary } from '../../../shared/index.js';
import { useNow } from '../operator/desk/use-now.js';
import { INBOX_TABS, type InboxTab } from '../referrals/referral-format.js';
import { InboxPager } from './inbox-pager.js';
import { InboxRow } from './inbox-row.js';

interface Props {
  /** The page on show (the server's order: urgent new first, then newest); undefined while nothing is loaded. */
  page: InboxPage | undefined;
  /** Its referrals this inbox keeps (the own agency's). */
  referrals: ReferralSummary[];
  loading: boolean;
  tab: InboxTab;
  onTab: (tab: InboxTab) => void;
  selected: number | null;
  onSelect: (id: number) => void;
  pageIndex: number;
  onPrev?: () => void;
  onNext?: () => void;
}

/** The inbox's left column: new / in progress / closed, with the real counts, and a page of the chosen one. */
export function InboxList({ page, referrals, loading, tab, onTab, selected, onSelect, pageIndex, onPrev, onNext }: Props) {
  const { t } = useTranslation();
  const now = useNow(5000);
  // While another tab's page is still on show (kept while the new one loads), its rows are not this tab's.
  const current = page?.tab === tab ? page : undefined;
  const shown = current ? referrals : [];
  const busy = loading || (!!page && !current);
  const panel = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shownIndex = current ? pageIndex : null;
  const lastIndex = useRef(shownIndex);
  // Another page on show: read it from its top (the list scrolls on a desk; the page itself on a phone).
  useEffect(() => {
    if (shownIndex === null || shownIndex === lastIndex.current) return;
    const first = lastIndex.current === null;
    lastIndex.current = shownIndex;
    if (first) return;
    if (listRef.current) listRef.current.scrollTop = 0;
    if (panel.current && panel.current.getBoundingClientRect().top < 0) panel.current.scrollIntoView({ block: 'start' });
  }, [shownIndex]);

  return (
    <section ref={panel} className="panel inbox-list-panel" aria-labelledby="inbox-list-title">
      <header className="panel-header">
        <h2 id="inbox-list-title">{t('referral.inbox.listTitle')}</h2>
      </header>
      <div className="inbox-tabs" role="group" aria-label={t('referral.inbox.tabs')}>
        {INBOX_TABS.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k} onClick={() => onTab(k)} data-testid={`inbox-tab-${k}`}>
            {t(`referral.inbox.tab.${k}`)}{' '}
            <span className={`count${k === 'new' && (page?.urgentNew ?? 0) > 0 ? ' count--urgent' : k === tab ? ' count--on' : ''}`}>{page?.counts[k] ?? 0}</span>
          </button>
        ))}
      </div>
      {busy && <p className="muted">{t('app.loading')}</p>}
      <ul ref={listRef} className="inbox-list" data-testid="referral-list" data-tab={tab} data-page={pageIndex + 1} aria-busy={busy || undefined}>
        {shown.map((r) => (
          <InboxRow key={r.id} referral={r} now={now} selected={r.id === selected} onSelect={onSelect} />
        ))}
      </ul>
      {!busy && shown.length === 0 && <p className="empty-note">{t(`referral.inbox.empty.${tab}`)}</p>}
      {current && <InboxPager page={current} pageIndex={pageIndex} onPrev={onPrev} onNext={onNext} />}
    </section>
  );
}
