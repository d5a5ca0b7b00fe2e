import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallbackReason, CallbackView } from '../../../../shared/index.js';
import { http } from '../../api/http.js';
import { useServerEvent } from '../../realtime/socket-context.js';

/** One open callback as the board shows it: the contact, why, attempts, its first-attempt clock. */
export interface BoardCallback {
  contactId: number;
  contactRef: string;
  reason: CallbackReason;
  attempts: number;
  createdAt: string;
  dueAt: string | null;
  breached: boolean;
  operator: string | null;
  training: boolean;
}

export const CALLBACKS_KEY = ['supervisor', 'callbacks'] as const;

/** GET /api/supervisor/callbacks's row (CallbackView) in the board's shape. */
export function toBoardCallback(r: CallbackView): BoardCallback {
  return {
    contactId: r.contactId,
    contactRef: r.ref,
    reason: r.reason,
    attempts: r.attempts,
    createdAt: r.createdAt,
    dueAt: r.clock?.dueAt ?? null,
    breached: r.clock?.breachedAt != null,
    operator: r.handler,
    training: r.training,
  };
}

/** The open callbacks, re-read whenever the server says callbacks changed (ids only), and every 30 s anyway. */
export function useBoardCallbacks() {
  const qc = useQueryClient();
  useServerEvent('callbacks:changed', () => void qc.invalidateQueries({ queryKey: CALLBACKS_KEY }));
  return useQuery({
    queryKey: CALLBACKS_KEY,
    queryFn: async ({ signal }) => {
      const res = await http.get<{ callbacks: CallbackView[]; total: number }>('/api/supervisor/callbacks', signal);
      return res.callbacks.map(toBoardCallback);
    },
    refetchInterval: 30_000,
  });
}
