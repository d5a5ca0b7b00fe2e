import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** The board's tabs, in order; the wall display cycles through the first six. */
export const BOARD_TABS = ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox', 'referrals', 'metrics', 'jobs'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];
export const WALL_TABS: readonly BoardTab[] = ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox'];
export const WALL_CYCLE_MS = 15_000;

const isTab = (v: string | null): v is BoardTab => !!v && (BOARD_TABS as readonly string[]).includes(v);

/** The open tab lives in the URL (?tab=escalations), and so does the wall display (?wall=1), which cycles the tabs. */
export function useBoardTab() {
  const [params, setParams] = useSearchParams();
  const wall = params.get('wall') === '1';
  const tab: BoardTab = isTab(params.get('tab')) ? (params.get('tab') as BoardTab) : 'clocks';
  const setTab = useCallback(
    (next: BoardTab) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('tab', next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  useEffect(() => {
    if (!wall) return;
    const timer = window.setInterval(() => {
      const i = WALL_TABS.indexOf(tab);
      setTab(WALL_TABS[(i + 1) % WALL_TABS.length]!);
    }, WALL_CYCLE_MS);
    return () => window.clearInterval(timer);
  }, [wall, tab, setTab]);
  return { tab, setTab, wall };
}
