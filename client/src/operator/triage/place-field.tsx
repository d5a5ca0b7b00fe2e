import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlaceHit } from '../../../../shared/index.js';
import { usePlace, usePlaceSearch } from '../../api/units-api.js';
import { Combobox, type ComboOption } from '../../components/combobox.js';
import type { PlaceNow, PlaceUi, TriageValues } from './triage-values.js';

interface Props {
  /** The form object holding dataset, code, path and now. */
  name: 'location' | 'homeLocation';
  /** Prefix of the ids and test ids: `<prefix>-place`, `<prefix>-successor-<code>`. */
  idPrefix: string;
  describedBy?: string;
  invalid?: boolean;
}

const keyOf = (p: { dataset: string; code: string }) => `${p.dataset}:${p.code}`;
const nowOf = (h: PlaceHit): PlaceNow[] => h.now.map((n) => ({ code: n.code, path: n.path, divided: n.divided }));

/**
 * One search box for a place, as callers say it, across both structures ("vi xuyen", "Đạo Đức, Vị Xuyên, Hà Giang").
 * An old place shows what it is now, and each 2025 successor can be picked straight from the list. A divided old
 * commune chosen as such asks which new commune is meant; left unanswered, routing uses the level its parts share.
 */
export function PlaceField({ name, idPrefix, describedBy, invalid }: Props) {
  const { t } = useTranslation();
  const { control, setValue, formState } = useFormContext<TriageValues>();
  const place = useWatch({ control, name }) as PlaceUi;
  const [typed, setTyped] = useState('');
  const search = usePlaceSearch(useDeferredValue(typed));
  const known = usePlace(place.dataset, place.code, place.code !== '' && place.path === '');
  const set = (p: PlaceUi) => {
    for (const [k, v] of Object.entries(p)) setValue(`${name}.${k as keyof PlaceUi}`, v as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  };
  // A draft from an older console knows the code only: fill in the path and successors once they are read.
  useEffect(() => {
    if (known.data) set({ dataset: known.data.dataset, code: known.data.code, path: known.data.path, now: nowOf(known.data) });
  }, [known.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const { options, chosen } = useMemo(() => placeOptions(search.data ?? [], t), [search.data, t]);
  const pick = (value: string) => {
    if (value === '') return set({ dataset: 'vn-2025', code: '', path: '', now: [] });
    const p = chosen.get(value);
    if (p) set(p);
  };
  const current = place.code ? keyOf(place) : '';

  return (
    <div className="field place-field">
      <label htmlFor={`${idPrefix}-place`}>{t('operator.triage.place.label')}</label>
      <Combobox
        id={`${idPrefix}-place`}
        data-testid={`${idPrefix}-place`}
        value={current}
        onChange={pick}
        options={options}
        onQuery={setTyped}
        labelOf={(v) => (v === current ? placeLabel(place, t) : chosen.get(v)?.path ?? '')}
        placeholder={t('operator.triage.place.placeholder')}
        noMatches={typed.trim().length < 2 ? t('operator.triage.place.typeMore') : t('operator.triage.place.none')}
        clearable
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
      {place.dataset === 'vn-2023' && place.now.length > 0 && <Successors idPrefix={idPrefix} place={place} onPick={set} />}
    </div>
  );
}

type T = TFunction;

const placeLabel = (p: Pick<PlaceUi, 'dataset' | 'path' | 'code'>, t: T) =>
  p.dataset === 'vn-2023' ? t('operator.triage.place.old', { path: p.path || p.code }) : p.path || p.code;

/** The list: each place, and under an old one each 2025 unit it became, pickable on its own. */
function placeOptions(hits: PlaceHit[], t: T): { options: ComboOption[]; chosen: Map<string, PlaceUi> } {
  const options: ComboOption[] = [];
  const chosen = new Map<string, PlaceUi>();
  for (const h of hits) {
    const old = h.dataset === 'vn-2023';
    const divided = h.now.some((n) => n.divided);
    options.push({
      value: keyOf(h),
      label: placeLabel(h, t),
      detail: old && h.now.length ? t(divided ? 'operator.triage.place.dividedInto' : 'operator.triage.place.nowIs', { places: h.now.map((n) => n.path).join(' · ') }) : undefined,
    });
    chosen.set(keyOf(h), { dataset: h.dataset, code: h.code, path: h.path, now: nowOf(h) });
    if (!old) continue;
    for (const n of h.now) {
      const key = keyOf({ dataset: 'vn-2025', code: n.code });
      if (chosen.has(key)) continue;
      options.push({ value: key, label: n.path, hint: t('operator.triage.place.today'), sub: true });
      chosen.set(key, { dataset: 'vn-2025', code: n.code, path: n.path, now: [] });
    }
  }
  return { options, chosen };
}

/** What an old place is now; for a divided commune, the candidates to pick from by the caller's village. */
function Successors({ idPrefix, place, onPick }: { idPrefix: string; place: PlaceUi; onPick: (p: PlaceUi) => void }) {
  const { t } = useTranslation();
  const divided = place.now.length > 1;
  return (
    <div className={`place-now${divided ? ' place-now--divided' : ''}`} data-testid={`${idPrefix}-place-now`} role={divided ? 'group' : undefined}>
      <p>{t(divided ? 'operator.triage.place.pickPart' : 'operator.triage.place.nowIs', { places: place.now.map((n) => n.path).join(' · ') })}</p>
      <div className="place-now-choices">
        {place.now.map((n) => (
          <button
            key={n.code}
            type="button"
            className="button button--small"
            data-testid={`${idPrefix}-successor-${n.code}`}
            onClick={() => onPick({ dataset: 'vn-2025', code: n.code, path: n.path, now: [] })}
          >
            {divided ? n.path : t('operator.triage.place.useToday', { place: n.path })}
          </button>
        ))}
      </div>
      {divided && <p className="field-hint">{t('operator.triage.place.unpicked')}</p>}
    </div>
  );
}
