import type { ReferralSummary } from '../../../shared/index.js';

/**
 * The last inbox list this officer loaded, kept on this device for a poor connection: the summaries the list shows
 * (no identity, no free text) and when they were loaded. Cleared at logout.
 */
const PREFIX = 'h111.inbox.';

export interface CachedInbox {
  at: string;
  referrals: ReferralSummary[];
}

export function saveInbox(userId: number, referrals: ReferralSummary[]): void {
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify({ at: new Date().toISOString(), referrals }));
  } catch {
    /* storage full or disabled: the inbox just has no offline copy */
  }
}

export function loadInbox(userId: number): CachedInbox | null {
  try {
    const raw = localStorage.getItem(PREFIX + userId);
    return raw ? (JSON.parse(raw) as CachedInbox) : null;
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
