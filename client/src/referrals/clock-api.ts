import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClockKind, ReferralDetail, ReferralSummary } from '../../../shared/index.js';
import { http, HttpError } from '../api/http.js';
import { applyReferral, detailKey, REFERRALS_KEY } from './referrals-api.js';

/** Every SLA query (the supervisor's board and metrics) lives under this key. */
export const SLA_KEY = ['sla'] as const;

export type ClockAction = { kind: ClockKind; action: 'pause'; body: { reason: string } } | { kind: ClockKind; action: 'resume'; body: { note: string } };

/** Answers are `{ referral }` like the other referral actions; a bare ReferralDetail is taken too. */
function referralOf(res: unknown): ReferralDetail | null {
  const r = res && typeof res === 'object' && 'referral' in res ? (res as { referral: unknown }).referral : res;
  return r && typeof r === 'object' && 'status' in r && 'id' in r ? (r as ReferralDetail) : null;
}

/** POST /api/referrals/:id/clocks/:kind/pause|resume: the officer of the referral's agency, or a supervisor. */
export function useClockAction(referralId: number, keep?: (r: ReferralSummary) => boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ClockAction) => http.post<unknown>(`/api/referrals/${referralId}/clocks/${a.kind}/${a.action}`, a.body).then(referralOf),
    onSuccess: (r) => {
      if (r) {
        qc.setQueryData(detailKey(referralId), r);
        applyReferral(qc, r, keep);
      }
      void qc.invalidateQueries({ queryKey: REFERRALS_KEY });
      void qc.invalidateQueries({ queryKey: SLA_KEY });
    },
    onError: (err) => {
      // The clock moved on meanwhile (met, breached, paused by someone else): show what is true now.
      if (err instanceof HttpError && (err.status === 409 || err.status === 404)) {
        void qc.invalidateQueries({ queryKey: REFERRALS_KEY });
        void qc.invalidateQueries({ queryKey: SLA_KEY });
      }
    },
  });
}
