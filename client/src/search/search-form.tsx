import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.js';
import { PlaceSearchBox, type PlacePick } from '../components/place-search-box.js';
import { DateField } from '../components/date-field.js';
import { FieldError } from '../components/field.js';
import { useSearchAgencies, type SearchParams } from './search-api.js';

/** Today's unit a picked place stands for: itself, or what an old place became (its first part when divided). */
function todaysCode(p: PlacePick): string | undefined {
  return p.dataset === 'vn-2025' ? p.code : p.now[0]?.code;
}

/** The criteria; an empty field is no criterion. Field errors come from the server, named per field. */
export function SearchForm({ initial, errors, onSearch }: { initial: SearchParams; errors: Record<string, string>; onSearch: (p: SearchParams) => void }) {
  const { t } = useTranslation();
  const { data: user } = useSession();
  const agencies = useSearchAgencies(user?.role === 'supervisor');
  const [v, setV] = useState<SearchParams>(initial);
  const [place, setPlace] = useState<PlacePick | null>(null);
  const set = (k: keyof SearchParams) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({ ...v, offset: undefined });
  };
  const field = (k: 'phone' | 'ref' | 'name', type = 'text') => (
    <div className="field">
      <label htmlFor={`search-${k}`}>{t(`search.${k}`)}</label>
      <input id={`search-${k}`} data-testid={`search-${k}`} type={type} value={v[k] ?? ''} onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `search-${k}-error` : undefined} />
      <FieldError id={`search-${k}-error`} message={errors[k]} />
    </div>
  );

  return (
    <form className="search-form" onSubmit={submit} role="search" aria-label={t('search.title')}>
      {field('phone', 'tel')}
      {field('ref')}
      {field('name')}
      {user?.role === 'supervisor' && (
        <div className="field">
          <label htmlFor="search-agency">{t('search.agency')}</label>
          <select id="search-agency" data-testid="search-agency" value={v.agencyId ?? ''} onChange={set('agencyId')}>
            <option value="">{t('search.anyAgency')}</option>
            {(agencies.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
      )}
      <div className="field search-place">
        <label htmlFor="search-place">{t('search.place')}</label>
        <PlaceSearchBox id="search-place" value={place} invalid={!!errors.place}
          placeholder={v.placeLabel}
          onChange={(p) => {
            setPlace(p);
            setV((s) => ({ ...s, place: p ? todaysCode(p) : undefined, placeLabel: p?.path }));
          }} />
        <FieldError message={errors.place} />
      </div>
      {(['from', 'to'] as const).map((k) => (
        <DateField key={k} id={`search-${k}`} testId={`search-${k}`} label={t(`search.${k}`)} value={v[k] ?? ''} error={errors[k]}
          onChange={(d) => setV((s) => ({ ...s, [k]: d || undefined }))} />
      ))}
      <div className="search-actions">
        <button type="submit" className="button button--primary" data-testid="search-submit">{t('search.submit')}</button>
        <button type="button" className="button button--ghost" onClick={() => { setV({}); setPlace(null); onSearch({}); }}>{t('search.clear')}</button>
      </div>
    </form>
  );
}
