import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportBody, ReportDetail, ReportFileView, StatsResult, StatTableId } from '../../../shared/index.js';
import { http, query } from '../api/http.js';

export const STATS_KEY = ['stats'] as const;
export const REPORTS_KEY = ['reports'] as const;

/** What the statistics answer for: a period and an area (absent: the whole country). */
export interface StatsFilter {
  from: string;
  to: string;
  areaId?: number;
}

const qs = (f: StatsFilter, extra: Record<string, string | number> = {}) => query({ from: f.from, to: f.to, areaId: f.areaId, ...extra });

/** GET /api/stats: every table for the period and area; an officer's are their agency's only (the server decides). */
export function useStats(f: StatsFilter | null) {
  return useQuery<StatsResult>({
    queryKey: [...STATS_KEY, f],
    queryFn: ({ signal }) => http.get<StatsResult>(`/api/stats${qs(f!)}`, signal),
    enabled: f !== null,
    // A new period keeps the last figures on screen (marked busy) until its answer comes.
    placeholderData: keepPreviousData,
  });
}

/** One table as CSV (audited server-side): a plain link, so the browser downloads it with the server's file name. */
export const statCsvUrl = (table: StatTableId, f: StatsFilter) => `/api/stats/${table}.csv${qs(f)}`;

/** The de-identified export for partners (supervisors only). */
export const htcdsUrl = (f: StatsFilter, k: number, format: 'csv' | 'json') => `/api/exports/htcds${qs(f, { k, format })}`;

const busy = (r: ReportFileView) => r.status === 'queued' || r.status === 'running';

/**
 * How many times the reports worker tries a report (server/queues.ts: attempts 3). The API does not say whether a
 * failed report will be tried again, so the list keeps polling a recent failure that has attempts left.
 */
export const REPORT_MAX_ATTEMPTS = 3;
const RETRY_WINDOW_MS = 60_000;

export function mayRetry(r: ReportFileView, now = Date.now()): boolean {
  return r.status === 'failed' && r.attempts < REPORT_MAX_ATTEMPTS && r.finishedAt !== null && now - Date.parse(r.finishedAt) < RETRY_WINDOW_MS;
}

/** GET /api/reports: polled every second while a report is queued, running or about to be retried. */
export function useReports() {
  return useQuery<ReportFileView[]>({
    queryKey: REPORTS_KEY,
    queryFn: ({ signal }) => http.get<{ reports: ReportFileView[] }>('/api/reports', signal).then((r) => r.reports),
    staleTime: 0,
    refetchInterval: (q) => ((q.state.data ?? []).some((r) => busy(r) || mayRetry(r)) ? 1000 : false),
  });
}

/** POST /api/reports → 202 { report }: the worker builds it; the list shows it at once. */
export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) => http.post<{ report: ReportFileView }>('/api/reports', body).then((r) => r.report),
    onSuccess: (report) => {
      qc.setQueryData<ReportFileView[]>(REPORTS_KEY, (list) => [report, ...(list ?? []).filter((r) => r.id !== report.id)]);
      void qc.invalidateQueries({ queryKey: REPORTS_KEY });
    },
  });
}

/** GET /api/reports/:id: the report and, once done, the figures it holds (the print page). Polled until it is done. */
export function useReportDetail(id: number) {
  return useQuery<ReportDetail>({
    queryKey: [...REPORTS_KEY, id],
    queryFn: ({ signal }) => http.get<ReportDetail>(`/api/reports/${id}`, signal),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && busy(q.state.data.report) ? 1000 : false),
  });
}
