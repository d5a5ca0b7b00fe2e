import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../api/http.js';
import { useServerEvent } from '../realtime/socket-context.js';
import { useThrottledRefetch } from '../api/live-refetch.js';

export interface OutboundNotification {
  id: number;
  purpose: string;
  channel: 'sms' | 'whatsapp';
  to: string;
  agency: string | null;
  referralId: number | null;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'outbox';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Only for agency alerts, which carry no victim data. */
  text: string | null;
}

/** Why messages stay in the local outbox (the server's configuration), or null when they go to Twilio. */
export type OutboxReason = 'twilio_not_configured' | 'outbound_sms_outbox';

export interface OutboxPage {
  notifications: OutboundNotification[];
  total: number;
  limit: number;
  offset: number;
  outboxReason: OutboxReason | null;
}

export const OUTBOX_KEY = ['supervisor', 'notifications'] as const;
export const OUTBOX_PAGE_SIZE = 50;

/** One page of outbound messages, newest first, with the real total. */
export function useOutbox(page: number) {
  return useQuery({
    queryKey: [...OUTBOX_KEY, page],
    queryFn: ({ signal }) => http.get<OutboxPage>(`/api/supervisor/notifications?limit=${OUTBOX_PAGE_SIZE}&offset=${page * OUTBOX_PAGE_SIZE}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Re-reads the outbound messages when the server says some were queued or changed state (at most once a second). */
export function useOutboxLive(): void {
  const refetch = useThrottledRefetch(OUTBOX_KEY, 1000);
  useServerEvent('notifications:changed', refetch);
}
