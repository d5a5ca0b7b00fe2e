import { useTranslation } from 'react-i18next';
import type { InboxPage, Lang } from '../../../shared/index.js';
import { TablePager } from '../components/table-pager.js';
import { formatNumber } from '../i18n/format.js';

interface Props {
  page: InboxPage;
  pageIndex: number;
  onPrev?: () => void;
  onNext?: () => void;
}

/** Under the inbox list: which rows of the tab's real total these are ("1–50 of 1,234"), and the way to the others. */
export function InboxPager({ page, pageIndex, onPrev, onNext }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language as Lang);
  if (page.total === 0) return null;
  const from = Math.min(page.total, pageIndex * page.limit + 1);
  const to = Math.min(page.total, pageIndex * page.limit + page.referrals.length);
  return (
    <div className="inbox-pager" data-testid="inbox-pager">
      <span className="muted" data-testid="inbox-range">
        {t('common.rowsOf', { from: n(from), to: n(to), count: n(page.total) })}
      </span>
      {page.total > page.limit && <TablePager page={pageIndex + 1} pageCount={Math.ceil(page.total / page.limit)} onPrev={onPrev} onNext={onNext} />}
    </div>
  );
}
