import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ReferralSummary } from '../../../shared/index.js';
import { loadInbox, saveInbox } from './inbox-cache.js';

const subscribe = (fn: () => void) => {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
};
/** Whether the browser believes it is online (it can be wrong the other way: a failed load counts too). */
export const useOnline = () => useSyncExternalStore(subscribe, () => navigator.onLine);

/**
 * Keeps the last list loaded on this device. Without a connection (or when the load failed) the inbox shows what it
 * last had (in memory, else from this device) marked stale, with when it was loaded.
 */
export function useOfflineInbox(userId: number | null, live: ReferralSummary[] | undefined, failed: boolean, loadedAt: number) {
  const online = useOnline();
  useEffect(() => {
    if (userId !== null && live) saveInbox(userId, live);
  }, [userId, live]);
  const down = failed || !online;
  const cached = useMemo(() => (userId !== null && down && !live ? loadInbox(userId) : null), [userId, down, live]);
  if (!down) return { referrals: undefined, stale: false, at: null };
  if (live) return { referrals: undefined, stale: true, at: new Date(loadedAt).toISOString() };
  return { referrals: cached?.referrals, stale: !!cached, at: cached?.at ?? null };
}
