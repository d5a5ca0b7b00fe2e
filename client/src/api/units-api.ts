import { useQuery } from '@tanstack/react-query';
import type { UnitDataset, UnitLevel, UnitView } from '../../../shared/index.js';
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
