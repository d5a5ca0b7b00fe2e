import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useServerEvent } from '../realtime/socket-context.js';
import { detailKey, REFERRALS_KEY } from './referrals-api.js';
import { SLA_KEY } from './clock-api.js';

/** At most one call per `ms`: the first at once (or when the last window ends), later ones folded into it. */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    const wait = Math.max(0, last.current + ms - Date.now());
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      latest.current();
    }, wait);
  }, [ms]);
}

/**
 * `sla:changed` carries ids only: re-read the referral lists (throttled; `lists: false` leaves them alone) and the
 * open details of those referrals. Colours change on time without it (the badges tick in the browser); it brings
 * pauses and escalations.
 */
export function useSlaFeed({ lists = true }: { lists?: boolean } = {}): void {
  const qc = useQueryClient();
  const ids = useRef(new Set<number>());
  const refresh = useThrottled(() => {
    const changed = [...ids.current];
    ids.current.clear();
    if (lists) void qc.invalidateQueries({ queryKey: [...REFERRALS_KEY, 'list'] });
    for (const id of changed) void qc.invalidateQueries({ queryKey: detailKey(id) });
  }, 1000);
  useServerEvent('sla:changed', ({ referralIds, escalated }) => {
    for (const id of referralIds) ids.current.add(id);
    refresh();
    // A breach was escalated: a parent agency's list of its offices' overdue cases changes.
    if (escalated) void qc.invalidateQueries({ queryKey: [...SLA_KEY, 'agency-escalations'] });
  });
}
