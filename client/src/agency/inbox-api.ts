import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InboxPage, InboxTab } from '../../../shared/index.js';
import { http, query } from '../api/http.js';
import { useRefetchOnReferralEvents } from '../api/live-refetch.js';

// Under ['referrals'], so an action or a reconnect reads it again with every other referral list (referrals-api.ts).
const INBOX_KEY = ['referrals', 'inbox'] as const;
export const INBOX_PAGE_SIZE = 50;

/** A page as shown: which page of its tab it is (0: the first) travels with it, so a page kept on show while the next loads says so. */
export type ShownInboxPage = InboxPage & { pageIndex: number };

/** GET /api/referrals/inbox: one page of a tab of the officer's inbox (urgent new first, then newest), with the totals. */
export function useInboxPage(tab: InboxTab, after: string | null, pageIndex: number) {
  return useQuery({
    queryKey: [...INBOX_KEY, tab, after ?? ''],
    queryFn: ({ signal }): Promise<ShownInboxPage> =>
      http.get<InboxPage>(`/api/referrals/inbox${query({ tab, limit: String(INBOX_PAGE_SIZE), after: after ?? undefined })}`, signal).then((p) => ({ ...p, pageIndex })),
    placeholderData: keepPreviousData,
    // Events missed while the screen was closed: read again on every visit.
    staleTime: 0,
  });
}

/** A new or changed referral: the open page is read again (at most every two seconds), so order and totals stay true. */
export function useInboxPageLive(): void {
  useRefetchOnReferralEvents(INBOX_KEY);
}

/**
 * Where the officer is in the inbox: a tab, and the cursors of the pages walked to (keyset paging moves forward
 * with `next`; back is the cursor before). Changing tab starts at its first page.
 */
export function useInboxPaging() {
  const [state, setState] = useState<{ tab: InboxTab; cursors: (string | null)[] }>({ tab: 'new', cursors: [null] });
  const pageIndex = state.cursors.length - 1;
  return {
    tab: state.tab,
    pageIndex,
    after: state.cursors[pageIndex]!,
    setTab: (tab: InboxTab) => setState((s) => (s.tab === tab && s.cursors.length === 1 ? s : { tab, cursors: [null] })),
    next: (cursor: string) => setState((s) => ({ ...s, cursors: [...s.cursors, cursor] })),
    prev: () => setState((s) => (s.cursors.length > 1 ? { ...s, cursors: s.cursors.slice(0, -1) } : s)),
  };
}
