import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { statsQuery, UNIT_DATASETS, type UnitDataset } from '../../../shared/index.js';
import { presetPeriod } from './periods.js';
import type { StatsFilter } from './stats-api.js';

/** The units chosen along the area picker's path ('' = not chosen): none at all is the whole country. */
export interface AreaPath {
  dataset: UnitDataset;
  province: string;
  district: string;
  commune: string;
}

export const NATION: AreaPath = { dataset: 'vn-2025', province: '', district: '', commune: '' };

/** What the page shows: the period and area, and the picker's path that names that area. */
export interface AppliedFilters {
  from: string;
  to: string;
  areaId?: number;
  path: AreaPath;
}

const CODE = /^\d{2,5}$/;
export const DEFAULT_PRESET = 'last_12_months' as const;

/**
 * The statistics' period and area live in the URL (?from=…&to=…&areaId=…, plus the picker's path: dataset,
 * province, district, commune codes), so a link shows the same figures and a reload keeps them. The area id is
 * what the API takes; the codes only restore the picker. Without dates in the URL: the last 12 months.
 */
export function useStatsFilters() {
  const [params, setParams] = useSearchParams();

  const applied = useMemo<AppliedFilters>(() => {
    const def = presetPeriod(DEFAULT_PRESET);
    const dataset = params.get('dataset');
    const code = (k: string) => {
      const v = params.get(k) ?? '';
      return CODE.test(v) ? v : '';
    };
    const area = params.get('areaId');
    return {
      from: params.get('from') ?? def.from,
      to: params.get('to') ?? def.to,
      areaId: area && /^\d+$/.test(area) ? Number(area) : undefined,
      path: {
        dataset: (UNIT_DATASETS as readonly string[]).includes(dataset ?? '') ? (dataset as UnitDataset) : NATION.dataset,
        province: code('province'),
        district: code('district'),
        commune: code('commune'),
      },
    };
  }, [params]);

  /** The filter the API is asked with; null when the URL does not pass the shared schema (the form shows why). */
  const filter = useMemo<StatsFilter | null>(() => {
    const checked = statsQuery.safeParse({ from: applied.from, to: applied.to, areaId: applied.areaId });
    return checked.success ? { from: checked.data.from, to: checked.data.to, areaId: checked.data.areaId } : null;
  }, [applied]);

  const apply = useCallback(
    (next: AppliedFilters) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          const set = (k: string, v: string | number | undefined) => (v === undefined || v === '' ? p.delete(k) : p.set(k, String(v)));
          set('from', next.from);
          set('to', next.to);
          set('areaId', next.areaId);
          const anyArea = next.areaId !== undefined;
          set('dataset', anyArea ? next.path.dataset : undefined);
          set('province', anyArea ? next.path.province : undefined);
          set('district', anyArea ? next.path.district : undefined);
          set('commune', anyArea ? next.path.commune : undefined);
          return p;
        },
        { replace: false },
      ),
    [setParams],
  );

  return { applied, filter, apply };
}
