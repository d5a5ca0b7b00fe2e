import type { ContactChange } from '../../shared/index.js';

/**
 * Merges the 'contacts:changed' lists bound for the same rooms and sends them at most once every `intervalMs`.
 * The first change after a quiet spell leaves at the end of the current event-loop turn, so a calm queue feels
 * instant; in a burst, each console gets one packet per interval instead of one per call. Order is kept.
 */
export function changeCoalescer(
  send: (rooms: string[], changes: ContactChange[]) => void,
  intervalMs: number,
  now: () => number = () => performance.now(),
) {
  const pending = new Map<string, { rooms: string[]; changes: ContactChange[] }>();
  let cancel: (() => void) | null = null;
  let lastSent = -Infinity;

  const flush = () => {
    cancel = null;
    lastSent = now();
    const batches = [...pending.values()];
    pending.clear();
    for (const b of batches) send(b.rooms, b.changes);
  };

  return {
    add(rooms: string[], changes: ContactChange[]) {
      const key = rooms.join('\u0000');
      const entry = pending.get(key);
      if (entry) entry.changes.push(...changes);
      else pending.set(key, { rooms, changes: [...changes] });
      if (cancel) return;
      const wait = lastSent + intervalMs - now();
      if (wait <= 0) {
        const t = setImmediate(flush);
        cancel = () => clearImmediate(t);
      } else {
        const t = setTimeout(flush, wait);
        cancel = () => clearTimeout(t);
      }
    },
    /** Sends what is waiting now (before a session ends, so what was said first arrives first). */
    flush() {
      if (!cancel) return;
      cancel();
      flush();
    },
    /** At shutdown: nothing more is sent. */
    stop() {
      cancel?.();
      cancel = null;
      pending.clear();
    },
  };
}
