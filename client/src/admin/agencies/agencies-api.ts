import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgencyBody, AgencyView } from '../../../../shared/index.js';
import { http } from '../../api/http.js';
import { USERS_KEY } from '../users/users-api.js';

export const AGENCIES_KEY = ['admin', 'agencies'] as const;

export function useAgencies() {
  return useQuery({
    queryKey: AGENCIES_KEY,
    queryFn: ({ signal }) => http.get<{ agencies: AgencyView[] }>('/api/admin/agencies', signal).then((r) => r.agencies),
  });
}

export function useAgency(id: number) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, id],
    queryFn: ({ signal }) => http.get<{ agency: AgencyView }>(`/api/admin/agencies/${id}`, signal).then((r) => r.agency),
    staleTime: 0,
  });
}

export function useSaveAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: AgencyBody }) =>
      (id === null
        ? http.post<{ agency: AgencyView }>('/api/admin/agencies', body)
        : http.put<{ agency: AgencyView }>(`/api/admin/agencies/${id}`, body)
      ).then((r) => r.agency),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
      // Users show their agency's name.
      void qc.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
}

// Units are read by the agency form and the operator's location picker alike.
export { useUnits, type UnitsFilter } from '../../api/units-api.js';
