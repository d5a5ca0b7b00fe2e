import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReferralDetail, ReferralStatus, ReferralSummary, ReferralTrack } from '../../../shared/index.js';
import { http, HttpError } from '../api/http.js';

export interface ListFilter {
  status?: ReferralStatus | '';
  track?: ReferralTrack | '';
}

export const REFERRALS_KEY = ['referrals'] as const;
const LIST_KEY = ['referrals', 'list'] as const;
export const listKey = (f: ListFilter = {}) => [...LIST_KEY, f.status ?? '', f.track ?? ''] as const;
export const detailKey = (id: number) => ['referrals', 'detail', id] as const;
export const QUEUE_KEY = ['referrals', 'supervisor-queue'] as const;

type List = { referrals: ReferralSummary[] };

/** Referrals nobody took (unroutable, or declined everywhere). */
export function useSupervisorQueue() {
  return useQuery({
    queryKey: QUEUE_KEY,
    queryFn: ({ signal }) => http.get<List>('/api/supervisor/referrals/queue', signal).then((r) => r.referrals),
    staleTime: 0,
  });
}

export function useReferral(id: number | null) {
  return useQuery({
    queryKey: detailKey(id ?? 0),
    queryFn: ({ signal }) => http.get<{ referral: ReferralDetail }>(`/api/referrals/${id}`, signal).then((r) => r.referral),
    enabled: id !== null,
    staleTime: 0,
  });
}

/**
 * Live events carry no free text (they pass through Redis): a pause reason this list already read through REST is
 * kept while its clock stays paused since the same moment.
 */
function keepReasons(old: ReferralSummary, r: ReferralSummary): ReferralSummary {
  const clocks = r.clocks.map((c) => {
    if (c.pauseReason != null || c.pausedAt == null) return c;
    const before = old.clocks.find((o) => o.id === c.id && o.pausedAt === c.pausedAt);
    return before?.pauseReason ? { ...c, pauseReason: before.pauseReason } : c;
  });
  return { ...r, clocks };
}

function upsert(list: ReferralSummary[], r: ReferralSummary, fits: boolean): ReferralSummary[] {
  const at = list.findIndex((x) => x.id === r.id);
  if (!fits) return at < 0 ? list : list.filter((x) => x.id !== r.id);
  if (at < 0) return [r, ...list];
  const next = list.slice();
  next[at] = keepReasons(list[at]!, r);
  return next;
}

/** Only the summary's fields go into lists: a detail's disclosure must not linger in list caches. */
function summaryOf(r: ReferralSummary): ReferralSummary {
  const { disclosure: _d, disclosureWithheld: _w, declineReason: _r, outcomeReason: _o, support: _s, timeline: _t, attempts: _a, ...rest } = r as ReferralDetail;
  return rest;
}

/**
 * Puts one referral (from a socket event or an action's answer) into every cached list it belongs to and out of
 * those it no longer belongs to. `keep` narrows further (an officer's inbox keeps only the own agency's).
 */
export function applyReferral(qc: QueryClient, raw: ReferralSummary, keep: (r: ReferralSummary) => boolean = () => true) {
  const r = summaryOf(raw);
  for (const [key, data] of qc.getQueriesData<ReferralSummary[]>({ queryKey: LIST_KEY })) {
    if (!data) continue;
    const [, , status, track] = key as readonly [string, string, string, string];
    const fits = keep(r) && (!status || r.status === status) && (!track || r.track === track);
    qc.setQueryData<ReferralSummary[]>(key as QueryKey, upsert(data, r, fits));
  }
  const queue = qc.getQueryData<ReferralSummary[]>(QUEUE_KEY);
  if (queue) qc.setQueryData<ReferralSummary[]>(QUEUE_KEY, upsert(queue, r, r.status === 'needs_supervisor'));
}

export type ReferralAction =
  | { kind: 'accept' }
  | { kind: 'decline'; body: { reason: string } }
  | { kind: 'support'; body: { regime: string; givenOn: string; note: string } }
  | { kind: 'close'; body: { outcome: string; reason: string | null } }
  | { kind: 'assign'; body: { agencyId: number; note: string } };

/** POST /api/referrals/:id/<action>. Whatever the answer's shape, the detail and lists are read again. */
export function useReferralAction(id: number, keep?: (r: ReferralSummary) => boolean) {
  const qc = useQueryClient();
  return useMutation({
    // Never paused offline and replayed on reconnect: an officer's action runs now or fails, and is asked again.
    networkMode: 'always',
    mutationFn: (a: ReferralAction) =>
      http.post<{ referral?: ReferralSummary } | undefined>(`/api/referrals/${id}/${a.kind}`, 'body' in a ? a.body : undefined),
    onSuccess: (res) => {
      const r = res?.referral;
      if (r && typeof r === 'object' && 'status' in r) applyReferral(qc, r, keep);
      void qc.invalidateQueries({ queryKey: REFERRALS_KEY });
    },
    onError: (err) => {
      // Someone else moved it (409) or it went elsewhere (404): show what is true now.
      if (err instanceof HttpError && (err.status === 409 || err.status === 404)) void qc.invalidateQueries({ queryKey: REFERRALS_KEY });
    },
  });
}
