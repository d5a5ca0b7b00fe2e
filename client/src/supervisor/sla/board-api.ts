import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardQuery, EscalationView, SlaBoard, SlaMetrics } from '../../../../shared/index.js';
import { http, query } from '../../api/http.js';
import { SLA_KEY } from '../../referrals/clock-api.js';

export const BOARD_KEY = [...SLA_KEY, 'board'] as const;
export const METRICS_KEY = [...SLA_KEY, 'metrics'] as const;

/** Answers may come bare or wrapped in one key (`{ board }`, `{ metrics }`, `{ escalation }`), like the other routes. */
function unwrap<T>(res: unknown, key: string): T {
  return (res && typeof res === 'object' && key in res ? (res as Record<string, unknown>)[key] : res) as T;
}

const qs = (f: BoardQuery) => query({ ...f });

/** GET /api/supervisor/board: open referrals with their clocks, the contact queue, open escalations. Kept live by useBoardLive. */
export function useSlaBoard(f: BoardQuery) {
  return useQuery<SlaBoard>({
    queryKey: [...BOARD_KEY, f],
    queryFn: ({ signal }) => http.get<unknown>(`/api/supervisor/board${qs(f)}`, signal).then((r) => unwrap<SlaBoard>(r, 'board')),
    // A new filter keeps the last board on screen until its answer comes.
    placeholderData: keepPreviousData,
    staleTime: 0,
    // Events can be lost while offline or across a deploy: read again now and then anyway.
    refetchInterval: 30_000,
  });
}

/** GET /api/supervisor/sla-metrics: response times per agency and province, compliance today / 7 d / 30 d. */
export function useSlaMetrics(f: BoardQuery) {
  return useQuery<SlaMetrics>({
    queryKey: [...METRICS_KEY, f],
    queryFn: ({ signal }) => http.get<unknown>(`/api/supervisor/sla-metrics${qs(f)}`, signal).then((r) => unwrap<SlaMetrics>(r, 'metrics')),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export const AGENCY_ESCALATIONS_KEY = [...SLA_KEY, 'agency-escalations'] as const;

/** GET /api/agencies/mine/escalations: deadlines the officer's subordinate offices missed (level 1). */
export function useAgencyEscalations() {
  return useQuery<EscalationView[]>({
    queryKey: AGENCY_ESCALATIONS_KEY,
    queryFn: ({ signal }) => http.get<unknown>('/api/agencies/mine/escalations', signal).then((r) => unwrap<EscalationView[]>(r, 'escalations')),
    refetchInterval: 60_000,
  });
}

/**
 * Records what was done about a missed deadline: the supervisor's decision (POST /api/supervisor/escalations/:id/resolve)
 * or the parent agency's follow-up (POST /api/agencies/mine/escalations/:id/resolve).
 */
export function useResolveEscalation(scope: 'supervisor' | 'agency' = 'supervisor') {
  const qc = useQueryClient();
  const base = scope === 'supervisor' ? '/api/supervisor/escalations' : '/api/agencies/mine/escalations';
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) =>
      http.post<unknown>(`${base}/${id}/resolve`, { note }).then((r) => unwrap<EscalationView>(r, 'escalation')),
    onSettled: () => void qc.invalidateQueries({ queryKey: SLA_KEY }),
  });
}
