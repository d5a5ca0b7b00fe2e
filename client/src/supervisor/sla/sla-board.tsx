import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert.js';
import { formatTime } from '../../i18n/format.js';
import { useSlaBoard } from './board-api.js';
import { BoardCallbacks } from '../callbacks/board-callbacks.js';
import { BoardContacts } from './board-contacts.js';
import { BoardEscalations } from './board-escalations.js';
import { BoardFilters, type ProvinceOption } from './board-filters.js';
import { BoardPresence } from './board-presence.js';
import { BoardReferrals } from './board-referrals.js';
import { useBoardFilters } from './use-board-filters.js';
import { useBoardLive } from './use-board-live.js';
import './sla-board.css';

// The charts library is big: loaded once a supervisor's board is on screen, not by every console.
const SlaMetricsPanel = lazy(() => import('./sla-metrics.js').then((m) => ({ default: m.SlaMetricsPanel })));

/**
 * The supervisor's live SLA board: open referrals by time left, escalations to decide, the contact queue, who is
 * online and in which status, missed calls to call back, and response-time metrics. Filters are in the URL; events re-read it, the clocks tick in the browser.
 */
export function SlaBoard({ onOpen }: { onOpen: (referralId: number) => void }) {
  const { t } = useTranslation();
  const { filters, set, clear, active } = useBoardFilters();
  const board = useSlaBoard(filters);
  const [announcement, setAnnouncement] = useState('');
  useBoardLive(() => setAnnouncement(`${t('sla.board.newEscalation')} ${formatTime(new Date().toISOString(), false)}`));

  // Province ids seen on the board, so a province stays choosable after the filter narrowed the board.
  const seen = useRef(new Map<number, ProvinceOption>());
  const seenProvinces = useMemo(() => {
    for (const r of board.data?.referrals ?? []) if (r.province) seen.current.set(r.province.id, { ...r.province, dataset: null });
    return [...seen.current.values()];
  }, [board.data]);
  const b = board.data;

  return (
    <section className="sla-board" aria-labelledby="sla-board-title" data-testid="sla-board" aria-busy={board.isFetching || undefined}>
      <div className="section-header">
        <h2 id="sla-board-title">{t('sla.board.title')}</h2>
        {b && (
          <span className="muted small" data-testid="board-updated">
            {t('sla.board.updated', { time: formatTime(b.generatedAt) })}
          </span>
        )}
      </div>
      <p className="muted small">{t('sla.board.intro')}</p>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <BoardFilters filters={filters} onChange={set} onClear={clear} active={active} seenProvinces={seenProvinces} />
      {board.isError && <Alert>{t('common.loadError', { message: board.error.message })}</Alert>}
      {board.isPending && <p className="muted">{t('app.loading')}</p>}
      {b && (
        <>
          <div className="sla-grid">
            <BoardReferrals referrals={b.referrals} onOpen={onOpen} />
            <BoardEscalations escalations={b.escalations} onOpen={onOpen} />
          </div>
          <div className="sla-grid sla-grid--even">
            <BoardContacts contacts={b.contacts} />
            <BoardPresence />
          </div>
          <BoardCallbacks />
        </>
      )}
      <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
        <SlaMetricsPanel filters={filters} />
      </Suspense>
    </section>
  );
}
