import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ReferralSummary } from '../../../shared/index.js';
import { useRealtime, useServerEvent } from '../realtime/socket-context.js';
import { applyReferral, detailKey, listKey, REFERRALS_KEY } from './referrals-api.js';

interface Options {
  /** Narrows what lists keep (an officer's inbox: the own agency's referrals only). */
  keep?: (r: ReferralSummary) => boolean;
  /** A referral the server announced as new (after the caches took it in). */
  onCreated?: (r: ReferralSummary) => void;
  /** Any referral event, new or changed; `wasListed`: it was in the unfiltered list before (a supervisor's assignment brings one in). */
  onChanged?: (r: ReferralSummary, wasListed: boolean) => void;
}

/**
 * Keeps every cached referral list live: `referral:created` / `referral:updated` upsert by id (or drop a referral
 * that left a list), an open detail is read again, and everything is re-read after a (re)connect, since events
 * sent while offline are lost.
 */
export function useReferralFeed({ keep, onCreated, onChanged }: Options = {}) {
  const qc = useQueryClient();
  const { status } = useRealtime();
  const take = (r: ReferralSummary) => {
    const wasListed = qc.getQueryData<ReferralSummary[]>(listKey())?.some((x) => x.id === r.id) ?? false;
    applyReferral(qc, r, keep);
    void qc.invalidateQueries({ queryKey: detailKey(r.id) });
    onChanged?.(r, wasListed);
  };
  useServerEvent('referral:created', (r) => {
    take(r);
    onCreated?.(r);
  });
  useServerEvent('referral:updated', take);

  const previous = useRef(status);
  useEffect(() => {
    if (status === 'connected' && previous.current !== 'connected') void qc.invalidateQueries({ queryKey: REFERRALS_KEY });
    previous.current = status;
  }, [status, qc]);
}
