import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { InboxPage, InboxTab } from '../../../shared/index.js';
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
 * Keeps the first page of each tab last loaded on this device. Without a connection (or when the load failed) the
 * inbox shows what it last had (in memory, else this tab's first page from this device) marked stale, with when it
 * was loaded. `firstPage`: `live` is a tab's first page, read for that tab (not a placeholder), so worth keeping.
 */
export function useOfflineInbox(userId: number | null, tab: InboxTab, live: InboxPage | undefined, firstPage: boolean, failed: boolean, loadedAt: number) {
  const online = useOnline();
  useEffect(() => {
    if (userId !== null && live && firstPage) saveInbox(userId, live);
  }, [userId, live, firstPage]);
  const down = failed || !online;
  const cached = useMemo(() => (userId !== null && down && !live ? loadInbox(userId, tab) : null), [userId, tab, down, live]);
  if (!down) return { page: undefined, stale: false, at: null };
  if (live) return { page: undefined, stale: true, at: new Date(loadedAt).toISOString() };
  return { page: cached?.page, stale: !!cached, at: cached?.at ?? null };
}
