import type { InboxPage, InboxTab } from '../../../shared/index.js';

/**
 * The first page of each inbox tab this officer last loaded, kept on this device for a poor connection: the
 * summaries the list shows (no identity, no free text), the tab's totals, and when it was loaded. Cleared at logout.
 */
const PREFIX = 'h111.inbox.';
const keyOf = (userId: number, tab: InboxTab) => `${PREFIX}${userId}.${tab}`;

export interface CachedInbox {
  at: string;
  page: InboxPage;
}

export function saveInbox(userId: number, page: InboxPage): void {
  try {
    localStorage.setItem(keyOf(userId, page.tab), JSON.stringify({ at: new Date().toISOString(), page }));
  } catch {
    /* storage full or disabled: the inbox just has no offline copy */
  }
}

export function loadInbox(userId: number, tab: InboxTab): CachedInbox | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, tab));
    const cached = raw ? (JSON.parse(raw) as Partial<CachedInbox>) : null;
    // A copy written by an older version (a bare list) is no page: ignored.
    return cached?.page?.referrals && cached.at ? (cached as CachedInbox) : null;
  } catch {
    return null;
  }
}

export function clearInboxCache(): void {
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  } catch {
    /* nothing stored */
  }
}
