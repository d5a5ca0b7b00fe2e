import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditPage, Role } from '../../../shared/index.js';
import { http, query } from '../api/http.js';

/** The viewer's filters as the URL carries them (/audit?case=LH-000123&from=…): all optional. */
export interface AuditFilterValues {
  person?: string;
  action?: string;
  case?: string;
  agency?: string;
  from?: string;
  to?: string;
}

export const FILTER_KEYS = ['person', 'action', 'case', 'agency', 'from', 'to'] as const;

export function filtersFrom(params: URLSearchParams): AuditFilterValues {
  const f: AuditFilterValues = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  return f;
}

const PAGE = 50;

/** Pages of entries, newest first; fetchNextPage follows the server's cursor ("load more"). */
export function useAuditPages(filters: AuditFilterValues, opts: { limit?: number } = {}) {
  return useInfiniteQuery({
    queryKey: ['audit', filters, opts.limit ?? PAGE],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      http.get<AuditPage>(`/api/audit${query({ ...filters, limit: opts.limit ?? PAGE, cursor: pageParam })}`, signal),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}

export interface AuditChoices {
  people: { id: number; displayName: string; username: string; role: Role }[];
  agencies: { id: number; name: string }[];
}

export function useAuditChoices() {
  return useQuery({
    queryKey: ['audit', 'choices'],
    queryFn: ({ signal }) => http.get<AuditChoices>('/api/audit/choices', signal),
    staleTime: 5 * 60_000,
  });
}

/** The CSV of the same filters, in the console's language (a plain link: the browser downloads it). */
export const auditExportUrl = (filters: AuditFilterValues, lang: string) => `/api/audit/export.csv${query({ ...filters, lang })}`;
