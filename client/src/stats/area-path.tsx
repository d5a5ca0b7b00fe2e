import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitTitle, type PlaceHit, type UnitDataset } from '../../../shared/index.js';
import { http, query } from '../api/http.js';
import { useLabels } from '../i18n/use-labels.js';

/**
 * The area chosen in the picker as people write it: its full path, marked when it is a unit of the map before
 * 1 July 2025, and then what that old unit is today (GET /api/places), so "Tỉnh Hà Giang" and "Tuyên Quang" are
 * seen as one province today.
 */
export function AreaPathLine({ dataset, code }: { dataset: UnitDataset; code: string }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const place = useQuery({
    queryKey: ['place', dataset, code],
    queryFn: ({ signal }) =>
      http.get<{ places: PlaceHit[] }>(`/api/places${query({ dataset, code, limit: 1 })}`, signal).then((r) => r.places[0] ?? null),
    enabled: code !== '',
    staleTime: 10 * 60_000,
  });
  const p = code ? place.data : null;
  return (
    <p className="stats-area-path" data-testid="stats-area-path" aria-live="polite">
      <strong>{t('stats.filters.chosen')}:</strong> {!code ? t('stats.filters.nation') : p ? unitTitle(p, lang) : '…'}
      {p && p.dataset === 'vn-2023' && p.now.length > 0 && (
        <span className="muted" data-testid="stats-area-now">
          {' · '}
          {t('stats.filters.now')}: {p.now.map((n) => `${n.path}${n.divided ? ` (${t('stats.filters.part')})` : ''}`).join('; ')}
        </span>
      )}
    </p>
  );
}
