import { useEffect, useRef } from 'react';
import { useThrottledRefetch } from '../../api/live-refetch.js';
import { useRealtime, useServerEvent } from '../../realtime/socket-context.js';
import { BOARD_KEY, METRICS_KEY } from './board-api.js';

/**
 * The board re-reads itself (at most once a second) on every event that can change it; the metrics, which cover
 * 30 days, at most every 15 seconds. After a reconnect both are read again: events sent while offline are lost.
 */
export function useBoardLive(onEscalated: () => void): void {
  const { status } = useRealtime();
  const board = useThrottledRefetch(BOARD_KEY, 1000);
  const metrics = useThrottledRefetch(METRICS_KEY, 15_000);

  useServerEvent('sla:changed', ({ escalated }) => {
    board();
    metrics();
    if (escalated) onEscalated();
  });
  useServerEvent('referral:created', board);
  useServerEvent('referral:updated', board);
  useServerEvent('contacts:changed', board);

  const previous = useRef(status);
  useEffect(() => {
    if (status === 'connected' && previous.current !== 'connected') {
      board();
      metrics();
    }
    previous.current = status;
  }, [status, board, metrics]);
}
