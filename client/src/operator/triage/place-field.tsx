import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { usePlace } from '../../api/units-api.js';
import { PlaceSearchBox, type PlacePick } from '../../components/place-search-box.js';
import type { PlaceUi, TriageValues } from './triage-values.js';

interface Props {
  /** The form object holding dataset, code, path and now. */
  name: 'location' | 'homeLocation';
  /** Prefix of the ids and test ids: `<prefix>-place`, `<prefix>-successor-<code>`. */
  idPrefix: string;
  describedBy?: string;
  invalid?: boolean;
}

const NONE: PlaceUi = { dataset: 'vn-2025', code: '', path: '', now: [] };

/**
 * Where the victim is (or lives), found as the caller says it (PlaceSearchBox). A divided old commune chosen as such
 * asks which new commune is meant; left unanswered, routing uses the level its parts share.
 */
export function PlaceField({ name, idPrefix, describedBy, invalid }: Props) {
  const { t } = useTranslation();
  const { control, setValue, formState } = useFormContext<TriageValues>();
  const place = useWatch({ control, name }) as PlaceUi;
  const set = (p: PlaceUi) => {
    for (const [k, v] of Object.entries(p)) setValue(`${name}.${k as keyof PlaceUi}`, v as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  };
  // A draft from an older console knows the code only: fill in the path and successors once they are read.
  const known = usePlace(place.dataset, place.code, place.code !== '' && place.path === '');
  useEffect(() => {
    if (known.data) set({ dataset: known.data.dataset, code: known.data.code, path: known.data.path, now: known.data.now.map(({ code, path, divided }) => ({ code, path, divided })) });
  }, [known.data]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="field place-field">
      <label htmlFor={`${idPrefix}-place`}>{t('place.label')}</label>
      <PlaceSearchBox id={`${idPrefix}-place`} value={place.code ? place : null} onChange={(p) => set(p ?? NONE)} invalid={invalid} describedBy={describedBy} />
      {place.dataset === 'vn-2023' && place.now.length > 0 && <Successors idPrefix={idPrefix} place={place} onPick={set} />}
    </div>
  );
}

/** What an old place is now; for a divided commune, the candidates to pick from by the caller's village. */
function Successors({ idPrefix, place, onPick }: { idPrefix: string; place: PlacePick; onPick: (p: PlaceUi) => void }) {
  const { t } = useTranslation();
  const divided = place.now.length > 1;
  return (
    <div className={`place-now${divided ? ' place-now--divided' : ''}`} data-testid={`${idPrefix}-place-now`} role={divided ? 'group' : undefined}>
      <p>{t(divided ? 'place.pickPart' : 'place.nowIs', { places: place.now.map((n) => n.path).join(' · ') })}</p>
      <div className="place-now-choices">
        {place.now.map((n) => (
          <button
            key={n.code}
            type="button"
            className="button button--small"
            data-testid={`${idPrefix}-successor-${n.code}`}
            onClick={() => onPick({ dataset: 'vn-2025', code: n.code, path: n.path, now: [] })}
          >
            {divided ? n.path : t('place.useToday', { place: n.path })}
          </button>
        ))}
      </div>
      {divided && <p className="field-hint">{t('place.unpicked')}</p>}
    </div>
  );
}
