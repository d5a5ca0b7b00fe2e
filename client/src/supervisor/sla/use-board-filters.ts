import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { boardQuery, type BoardQuery } from '../../../../shared/index.js';

export const FILTER_KEYS = ['provinceId', 'agencyId', 'agencyType', 'priority', 'classification'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The board's filters live in the URL (?priority=urgent&provinceId=…): shareable, and kept on reload. Bad values are dropped. */
export function useBoardFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<BoardQuery>(() => {
    const raw: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v && boardQuery.shape[k].safeParse(v).success) raw[k] = v;
    }
    return boardQuery.parse(raw);
  }, [params]);

  const set = useCallback(
    (key: FilterKey, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const clear = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of FILTER_KEYS) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return { filters, set, clear, active: FILTER_KEYS.some((k) => filters[k] !== undefined) };
}
