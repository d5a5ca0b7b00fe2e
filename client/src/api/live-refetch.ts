import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useServerEvent } from '../realtime/socket-context.js';
import { useThrottled } from '../referrals/clock-feed.js';

/** "Read this again": invalidates the queries under `queryKey`, at most once per `ms` (later calls folded in). */
export function useThrottledRefetch(queryKey: QueryKey, ms: number): () => void {
  const qc = useQueryClient();
  return useThrottled(() => void qc.invalidateQueries({ queryKey }), ms);
}

/** A list of referrals read again on every new or changed referral (at most every two seconds), so order and totals stay true. */
export function useRefetchOnReferralEvents(queryKey: QueryKey): void {
  const refetch = useThrottledRefetch(queryKey, 2000);
  useServerEvent('referral:created', refetch);
  useServerEvent('referral:updated', refetch);
}
