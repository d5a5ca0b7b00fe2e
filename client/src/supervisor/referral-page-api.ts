import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Priority, ReferralStatus, ReferralSummary, ReferralTrack } from '../../../shared/index.js';
import { http, query } from '../api/http.js';
import { useRefetchOnReferralEvents } from '../api/live-refetch.js';

export interface PageFilter {
  status: ReferralStatus | '';
  track: ReferralTrack | '';
  priority: Priority | '';
}

export interface ReferralPage {
  referrals: ReferralSummary[];
  total: number;
  limit: number;
  offset: number;
}

// Under ['referrals'], so a reconnect re-reads it with every other referral list (use-referral-feed.ts).
const PAGE_KEY = ['referrals', 'page'] as const;
export const REFERRAL_PAGE_SIZE = 50;

/** One page of every agency's referrals, filtered and counted by the server (newest first). */
export function useReferralPage(f: PageFilter, page: number) {
  return useQuery({
    queryKey: [...PAGE_KEY, f.status, f.track, f.priority, page],
    queryFn: ({ signal }) =>
      http.get<ReferralPage>(
        `/api/referrals${query({ status: f.status, track: f.track, priority: f.priority, limit: String(REFERRAL_PAGE_SIZE), offset: String(page * REFERRAL_PAGE_SIZE) })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** A new or changed referral: the open page is read again (at most every two seconds), so totals stay true. */
export function useReferralPageLive(): void {
  useRefetchOnReferralEvents(PAGE_KEY);
}
