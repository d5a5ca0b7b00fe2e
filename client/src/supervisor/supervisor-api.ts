import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgencyType } from '../../../shared/index.js';
import { http } from '../api/http.js';

export interface AgencyOption {
  id: number;
  name: string;
  type: AgencyType;
}

export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  failedReason: string | null;
  attemptsMade: number;
  /** ISO time (a BullMQ timestamp in ms is accepted too). */
  failedAt: string | number | null;
  /** An outbox request not done long after it was made (its job may be waiting, missing, or even completed). */
  stuck?: boolean;
  /** False: the relay keeps sending it by itself; nothing to retry by hand. */
  retryable?: boolean;
}

const AGENCIES_KEY = ['supervisor', 'agencies'] as const;
const FAILED_KEY = ['supervisor', 'failed-jobs'] as const;

/** Every active agency a supervisor may assign a referral to. */
export function useAssignableAgencies() {
  return useQuery({
    queryKey: AGENCIES_KEY,
    queryFn: ({ signal }) => http.get<{ agencies: AgencyOption[] }>('/api/supervisor/agencies', signal).then((r) => r.agencies),
    staleTime: 5 * 60_000,
  });
}

/** Background jobs that used up their attempts. Not pushed over the socket: polled while the board is open. */
export function useFailedJobs() {
  return useQuery({
    queryKey: FAILED_KEY,
    queryFn: ({ signal }) => http.get<{ jobs: FailedJob[] }>('/api/supervisor/failed-jobs', signal).then((r) => r.jobs),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (job: Pick<FailedJob, 'queue' | 'id'>) =>
      http.post<unknown>(`/api/supervisor/failed-jobs/${encodeURIComponent(job.queue)}/${encodeURIComponent(job.id)}/retry`),
    onSettled: () => void qc.invalidateQueries({ queryKey: FAILED_KEY }),
  });
}
