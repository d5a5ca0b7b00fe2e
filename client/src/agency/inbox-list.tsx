import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useNow } from '../operator/desk/use-now.js';
import { INBOX_TABS, inboxOrder, tabOf, type InboxTab } from '../referrals/referral-format.js';
import { InboxRow } from './inbox-row.js';

interface Props {
  referrals: ReferralSummary[] | undefined;
  loading: boolean;
  tab: InboxTab;
  onTab: (tab: InboxTab) => void;
  selected: number | null;
  onSelect: (id: number) => void;
}

/** The inbox's left column: new / in progress / closed, with counts, and the referrals of the chosen one. */
export function InboxList({ referrals, loading, tab, onTab, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const now = useNow(5000);
  const all = referrals ?? [];
  const count = (k: InboxTab) => all.filter((r) => tabOf(r.status) === k).length;
  const urgentNew = all.filter((r) => r.status === 'pending' && r.priority === 'urgent').length;
  const shown = all.filter((r) => tabOf(r.status) === tab).sort(inboxOrder);

  return (
    <section className="panel inbox-list-panel" aria-labelledby="inbox-list-title">
      <header className="panel-header">
        <h2 id="inbox-list-title">{t('referral.inbox.listTitle')}</h2>
      </header>
      <div className="inbox-tabs" role="group" aria-label={t('referral.inbox.tabs')}>
        {INBOX_TABS.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k} onClick={() => onTab(k)} data-testid={`inbox-tab-${k}`}>
            {t(`referral.inbox.tab.${k}`)}{' '}
            <span className={`count${k === 'new' && urgentNew > 0 ? ' count--urgent' : k === tab ? ' count--on' : ''}`}>{count(k)}</span>
          </button>
        ))}
      </div>
      {loading && <p className="muted">{t('app.loading')}</p>}
      <ul className="inbox-list" data-testid="referral-list" data-tab={tab} aria-busy={loading || undefined}>
        {shown.map((r) => (
          <InboxRow key={r.id} referral={r} now={now} selected={r.id === selected} onSelect={onSelect} />
        ))}
      </ul>
      {!loading && shown.length === 0 && <p className="empty-note">{t(`referral.inbox.empty.${tab}`)}</p>}
    </section>
  );
}
