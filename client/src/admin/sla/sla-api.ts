import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HolidayOverrideBody, HolidayView, Priority, SlaPolicyBody, SlaPolicyView } from '../../../../shared/index.js';
import { http } from '../../api/http.js';

export const POLICIES_KEY = ['admin', 'sla', 'policies'] as const;
const HOLIDAYS_KEY = ['admin', 'sla', 'holidays'] as const;

/** A list answer, bare or wrapped in one key (`{ policies: [...] }`). */
function listOf<T>(res: unknown): T[] {
  if (Array.isArray(res)) return res as T[];
  const inner = res && typeof res === 'object' ? Object.values(res).find(Array.isArray) : undefined;
  return (inner ?? []) as T[];
}

/** A single answer, bare or wrapped in `key`. */
function oneOf<T>(res: unknown, key: string): T {
  return (res && typeof res === 'object' && key in res ? (res as Record<string, unknown>)[key] : res) as T;
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: POLICIES_KEY,
    queryFn: ({ signal }) => http.get<unknown>('/api/sla/policies', signal).then((r) => listOf<SlaPolicyView>(r)),
  });
}

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ priority, body }: { priority: Priority; body: SlaPolicyBody }) =>
      http.put<unknown>(`/api/sla/policies/${priority}`, body).then((r) => oneOf<SlaPolicyView>(r, 'policy')),
    onSuccess: () => qc.invalidateQueries({ queryKey: POLICIES_KEY }),
  });
}

/** Law holidays and admin overrides of one year. */
export function useHolidays(year: number) {
  return useQuery({
    queryKey: [...HOLIDAYS_KEY, year],
    queryFn: ({ signal }) => http.get<unknown>(`/api/sla/holidays?year=${year}`, signal).then((r) => listOf<HolidayView>(r)),
  });
}

export function useAddOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HolidayOverrideBody) => http.post<unknown>('/api/sla/holiday-overrides', body).then((r) => oneOf<HolidayView>(r, 'holiday')),
    onSettled: () => qc.invalidateQueries({ queryKey: HOLIDAYS_KEY }),
  });
}

export function useDeleteOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => http.delete<unknown>(`/api/sla/holiday-overrides/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: HOLIDAYS_KEY }),
  });
}
