import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CALLBACK_REASONS, type CallbackReason } from '../../../../shared/index.js';
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

type Raw = Record<string, unknown> & { clock?: Record<string, unknown> | null };
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * GET /api/supervisor/callbacks (the lead's contract: open callbacks with their clocks and attempts, paged), read
 * into the board's shape. The one place to adapt should the answer's field names differ.
 */
export function toBoardCallback(r: Raw): BoardCallback {
  const contactId = Number(r.contactId ?? r.id);
  const clock = r.clock ?? null;
  const operator = r.operator;
  return {
    contactId,
    contactRef: str(r.contactRef) ?? str(r.ref) ?? `LH-${String(contactId).padStart(6, '0')}`,
    reason: (CALLBACK_REASONS as readonly string[]).includes(String(r.reason)) ? (r.reason as CallbackReason) : 'dropped',
    attempts: Number(r.attempts ?? 0),
    createdAt: str(r.createdAt) ?? '',
    dueAt: str(r.dueAt) ?? str(clock?.dueAt),
    breached: Boolean(r.breached ?? clock?.breachedAt ?? (clock?.state === 'breached')),
    operator: str(operator) ?? str((operator as { displayName?: unknown } | null)?.displayName),
    training: Boolean(r.training),
  };
}

/** The open callbacks, re-read whenever the server says callbacks changed (ids only), and every 30 s anyway. */
export function useBoardCallbacks() {
  const qc = useQueryClient();
  useServerEvent('callbacks:changed', () => void qc.invalidateQueries({ queryKey: CALLBACKS_KEY }));
  return useQuery({
    queryKey: CALLBACKS_KEY,
    queryFn: async ({ signal }) => {
      const res = await http.get<unknown>('/api/supervisor/callbacks', signal);
      const list = Array.isArray(res) ? res : ((res as { callbacks?: unknown[] } | null)?.callbacks ?? []);
      return (list as Raw[]).map(toBoardCallback);
    },
    refetchInterval: 30_000,
  });
}
