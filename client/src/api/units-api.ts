import { useQuery } from '@tanstack/react-query';
import type { PlaceHit, UnitDataset, UnitLevel, UnitView } from '../../../shared/index.js';
import { http, query } from './http.js';

export interface UnitsFilter {
  dataset: UnitDataset;
  level: UnitLevel;
  parent?: string;
  q?: string;
}

/** Administrative units (GET /api/units); disabled until the parent it needs is chosen. */
export function useUnits(filter: UnitsFilter, enabled = true) {
  return useQuery({
    queryKey: ['units', filter],
    queryFn: ({ signal }) => http.get<{ units: UnitView[] }>(`/api/units${query({ ...filter, limit: 1000 })}`, signal).then((r) => r.units),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Places matching what an operator typed, across both structures (GET /api/places); nothing under 2 letters. */
export function usePlaceSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['places', text],
    queryFn: ({ signal }) => http.get<{ places: PlaceHit[] }>(`/api/places${query({ q: text })}`, signal).then((r) => r.places),
    enabled: text.length >= 2,
    staleTime: 10 * 60_000,
    placeholderData: (prev) => prev,
  });
}

/** One place by dataset and code, as search shows it (a form restored from a draft knows only the code). */
export function usePlace(dataset: UnitDataset, code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['place', dataset, code],
    queryFn: ({ signal }) => http.get<{ places: PlaceHit[] }>(`/api/places${query({ dataset, code })}`, signal).then((r) => r.places[0] ?? null),
    enabled: enabled && code !== '',
    staleTime: 10 * 60_000,
  });
}
