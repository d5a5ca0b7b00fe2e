import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ContactDetail, SearchPage } from '../../../shared/index.js';
import { http, query } from '../api/http.js';

/** The criteria as the page's URL holds them (so "back" from a case returns to the same results). */
export const SEARCH_PARAMS = ['phone', 'ref', 'name', 'agencyId', 'place', 'placeLabel', 'from', 'to', 'offset'] as const;
export type SearchParams = Partial<Record<(typeof SEARCH_PARAMS)[number], string>>;

export const PAGE_SIZE = 25;

/** GET /api/search; nothing is asked before the first search. placeLabel is the page's own, never sent. */
export function useSearch(params: SearchParams | null) {
  const { placeLabel: _label, ...sent } = params ?? {};
  return useQuery({
    queryKey: ['search', sent],
    queryFn: ({ signal }) => http.get<SearchPage>(`/api/search${query({ ...sent, limit: PAGE_SIZE })}`, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** One case as the disclosure decision lets this user see it (GET /api/contacts/:id, audited by the server). */
export function useCase(id: number) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: ({ signal }) => http.get<{ contact: ContactDetail }>(`/api/contacts/${id}`, signal).then((r) => r.contact),
    retry: false,
  });
}

/** The agencies a supervisor may filter by (the assignable list); operators search without this filter. */
export function useSearchAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['supervisor', 'agencies'],
    queryFn: ({ signal }) => http.get<{ agencies: { id: number; name: string }[] }>('/api/supervisor/agencies', signal).then((r) => r.agencies),
    enabled,
    staleTime: 5 * 60_000,
  });
}
