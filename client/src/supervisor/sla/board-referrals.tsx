import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardReferral } from '../../../../shared/index.js';
import { TablePager } from '../../components/table-pager.js';
import { useLabels } from '../../i18n/use-labels.js';
import { useNow } from '../../operator/desk/use-now.js';
import { ClockBadge } from '../../referrals/clock-badge.js';
import { clocksOf, isOpenClock, urgencyKey, worstState } from '../../referrals/clock-state.js';
import { useSecond } from '../../referrals/clock-tick.js';
import { PriorityBadge, StatusPill } from '../../referrals/referral-badges.js';

const PAGE_SIZE = 50;

interface Props {
  referrals: BoardReferral[];
  onOpen: (id: number) => void;
}

/** Open referrals, least time left first (overdue on top), each row coloured by its most urgent clock. */
export function BoardReferrals({ referrals, onOpen }: Props) {
  const { t } = useTranslation();
  // Re-sorted every few seconds (the order only changes when a clock crosses a state); the badges tick every second.
  const now = useNow(5000);
  const [page, setPage] = useState(0);
  const rows = useMemo(() => {
    const keyed = referrals.map((r) => {
      const clocks = clocksOf(r);
      return { r, clocks, key: urgencyKey(clocks, now) };
    });
    keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.r.createdAt.localeCompare(b.r.createdAt));
    return keyed;
  }, [referrals, now]);
  const counts = useMemo(() => {
    const states = rows.map((x) => worstState(x.clocks, now));
    return { breached: states.filter((s) => s === 'breached').length, warning: states.filter((s) => s === 'warning').length };
  }, [rows, now]);
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);
  const shown = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <section className="panel sla-panel sla-referrals" aria-labelledby="board-referrals-title" data-testid="board-referrals">
      <header className="panel-header">
        <h3 id="board-referrals-title">
          {t('sla.board.referrals')} <span className={`count${counts.breached > 0 ? ' count--urgent' : ''}`}>{rows.length}</span>
        </h3>
        <span className="muted small" data-testid="board-counts">
          {t('sla.board.counts', { ...counts, count: rows.length })}
        </span>
      </header>
      <p className="muted small">{t('sla.board.referralsIntro')}</p>
      {rows.length === 0 ? (
        <p className="empty-note">{t('sla.board.referralsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="compact-table board-table">
            <thead>
              <tr>
                <th scope="col">{t('sla.board.ref')}</th>
                <th scope="col">
                  {t('sla.board.priorityCol')} / {t('sla.board.status')}
                </th>
                <th scope="col" className="board-clocks-col">
                  {t('sla.board.clocks')}
                </th>
                <th scope="col">
                  {t('sla.board.agencyCol')} / {t('sla.board.provinceCol')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ r }) => (
                <BoardRow key={r.id} referral={r} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <TablePager
          page={current + 1}
          pageCount={pageCount}
          onPrev={current > 0 ? () => setPage(current - 1) : undefined}
          onNext={current < pageCount - 1 ? () => setPage(current + 1) : undefined}
        />
      )}
    </section>
  );
}

/** One referral: its row colour follows the second-by-second state of its most urgent clock. */
const BoardRow = memo(function BoardRow({ referral: r, onOpen }: { referral: BoardReferral; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const now = useSecond();
  const clocks = clocksOf(r);
  const open = clocks.filter(isOpenClock);
  const state = worstState(clocks, now) ?? 'none';

  return (
    <tr className={`board-row board-row--${state}`} data-testid={`board-referral-${r.id}`} data-state={state} data-priority={r.priority}>
      <td>
        <button type="button" className="link-button" onClick={() => onOpen(r.id)} aria-label={t('sla.board.open', { ref: r.contactRef })}>
          <code>{r.contactRef}</code>
        </button>
        <div className="muted small">
          {label('classification', r.classification)} · {t(`referral.track.${r.track}`)}
        </div>
      </td>
      <td>
        <div className="board-badges">
          <PriorityBadge priority={r.priority} />
          <StatusPill status={r.status} />
        </div>
      </td>
      <td>
        {open.length === 0 ? (
          <span className="muted small">{t('sla.board.noClocks')}</span>
        ) : (
          <div className="clock-cell">
            {open.map((c) => (
              <ClockBadge key={c.id} clock={c} compact />
            ))}
          </div>
        )}
      </td>
      <td className="board-agency">
        {r.agency?.name ?? <span className="muted">{t('referral.detail.unassigned')}</span>}
        <div className="muted small" data-testid="board-place">
          {r.place ? (r.place.now ? t('referral.location.oldNow', { place: r.place.path, now: r.place.now }) : r.place.path) : t('common.none')}
        </div>
      </td>
    </tr>
  );
});
