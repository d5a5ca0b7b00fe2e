import { useDeferredValue, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlaceHit, UnitDataset } from '../../../shared/index.js';
import { usePlaceSearch } from '../api/units-api.js';
import { Combobox, type ComboOption } from './combobox.js';

/** A place as the box holds it: the unit (either structure), its full path and, if old, what it is now. */
export interface PlacePick {
  dataset: UnitDataset;
  code: string;
  path: string;
  now: { code: string; path: string; divided: boolean }[];
}

interface Props {
  id: string;
  /** The place chosen, or null. */
  value: PlacePick | null;
  onChange: (p: PlacePick | null) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}

export const placeKey = (p: { dataset: string; code: string }) => `${p.dataset}:${p.code}`;

/** "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang (cũ)": an old place is marked as such wherever a place is named. */
export const placeText = (p: Pick<PlacePick, 'dataset' | 'path' | 'code'>, t: TFunction) =>
  p.dataset === 'vn-2023' ? t('place.old', { path: p.path || p.code }) : p.path || p.code;

/**
 * One search box for a place, as people say it, across both structures ("vi xuyen", "Đạo Đức, Vị Xuyên, Hà Giang"):
 * GET /api/places. An old place shows what it is now, and each 2025 unit it became is listed under it, pickable.
 */
export function PlaceSearchBox({ id, value, onChange, placeholder, invalid, describedBy }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const search = usePlaceSearch(useDeferredValue(typed));
  const { options, picks } = useMemo(() => placeOptions(search.data ?? [], t), [search.data, t]);
  const current = value?.code ? placeKey(value) : '';
  return (
    <Combobox
      id={id}
      data-testid={id}
      value={current}
      onChange={(v) => onChange(v === '' ? null : picks.get(v) ?? value)}
      options={options}
      onQuery={setTyped}
      labelOf={(v) => (v === current && value ? placeText(value, t) : picks.get(v)?.path ?? '')}
      placeholder={placeholder ?? t('place.placeholder')}
      noMatches={typed.trim().length < 2 ? t('place.typeMore') : t('place.none')}
      clearable
      aria-invalid={invalid}
      aria-describedby={describedBy}
    />
  );
}

const nowOf = (h: PlaceHit): PlacePick['now'] => h.now.map((n) => ({ code: n.code, path: n.path, divided: n.divided }));

/** The list: each place, and under an old one each 2025 unit it became, pickable on its own. */
function placeOptions(hits: PlaceHit[], t: TFunction): { options: ComboOption[]; picks: Map<string, PlacePick> } {
  const options: ComboOption[] = [];
  const picks = new Map<string, PlacePick>();
  for (const h of hits) {
    const old = h.dataset === 'vn-2023';
    const divided = h.now.some((n) => n.divided);
    const list = h.now.map((n) => n.path).join(' · ');
    options.push({ value: placeKey(h), label: placeText(h, t), detail: old && h.now.length ? t(divided ? 'place.dividedInto' : 'place.nowIs', { places: list }) : undefined });
    picks.set(placeKey(h), { dataset: h.dataset, code: h.code, path: h.path, now: nowOf(h) });
    if (!old) continue;
    for (const n of h.now) {
      const key = placeKey({ dataset: 'vn-2025', code: n.code });
      if (picks.has(key)) continue;
      options.push({ value: key, label: n.path, hint: t('place.today'), sub: true });
      picks.set(key, { dataset: 'vn-2025', code: n.code, path: n.path, now: [] });
    }
  }
  return { options, picks };
}
