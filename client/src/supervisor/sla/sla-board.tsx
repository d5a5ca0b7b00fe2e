import { lazy, Suspense, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorPresence } from '../../../../shared/index.js';
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
import './sla-board.css';

// The charts library is big: loaded once a supervisor opens the metrics, not by every console.
const SlaMetricsPanel = lazy(() => import('./sla-metrics.js').then((m) => ({ default: m.SlaMetricsPanel })));

export type SlaView = 'clocks' | 'escalations' | 'operators' | 'callbacks' | 'metrics';

interface Props {
  view: SlaView;
  board: ReturnType<typeof useSlaBoard>;
  filters: ReturnType<typeof useBoardFilters>;
  people: OperatorPresence[] | null;
  onOpen: (referralId: number) => void;
  /** Wall display: no filters. */
  wall?: boolean;
}

/**
 * One view of the supervisor's live SLA board: open referrals by time left, escalations to decide, the contact
 * queue and who is online, missed calls to call back, or response-time metrics. Filters are in the URL; events
 * re-read the board (supervisor-board.tsx), the clocks tick in the browser.
 */
export function SlaBoard({ view, board, filters: f, people, onOpen, wall }: Props) {
  const { t } = useTranslation();
  // Province ids seen on the board, so a province stays choosable after the filter narrowed the board.
  const seen = useRef(new Map<number, ProvinceOption>());
  const seenProvinces = useMemo(() => {
    for (const r of board.data?.referrals ?? []) if (r.province) seen.current.set(r.province.id, { ...r.province, dataset: null });
    return [...seen.current.values()];
  }, [board.data]);
  const b = board.data;
  const filtered = view !== 'callbacks';

  return (
    <section className="sla-board" aria-label={t('sla.board.title')} data-testid="sla-board" aria-busy={board.isFetching || undefined}>
      {filtered && !wall && (
        <div className="sla-board-top">
          <BoardFilters filters={f.filters} onChange={f.set} onClear={f.clear} active={f.active} seenProvinces={seenProvinces} />
          {b && (
            <span className="muted small" data-testid="board-updated">
              {t('sla.board.updated', { time: formatTime(b.generatedAt) })}
            </span>
          )}
        </div>
      )}
      {board.isError && <Alert>{t('common.loadError', { message: board.error.message })}</Alert>}
      {board.isPending && view !== 'callbacks' && view !== 'metrics' && <p className="muted">{t('app.loading')}</p>}
      {b && view === 'clocks' && <BoardReferrals referrals={b.referrals} onOpen={onOpen} />}
      {b && view === 'escalations' && <BoardEscalations escalations={b.escalations} onOpen={onOpen} />}
      {b && view === 'operators' && (
        <div className="sla-grid sla-grid--even">
          <BoardPresence people={people} />
          <BoardContacts contacts={b.contacts} />
        </div>
      )}
      {view === 'callbacks' && <BoardCallbacks />}
      {view === 'metrics' && (
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <SlaMetricsPanel filters={f.filters} />
        </Suspense>
      )}
    </section>
  );
}
