import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SearchResult } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';

function PlaceText({ place }: { place: SearchResult['place'] }) {
  const { t } = useTranslation();
  const { country } = useLabels();
  if (place.kind === 'abroad' && place.country) return <>{t('search.abroad', { country: country(place.country) })}</>;
  if (!place.label) return <span className="muted">{t('search.unknownPlace')}</span>;
  return (
    <>
      {place.label}
      {place.now && <div className="muted small">{t('search.nowIn', { path: place.now })}</div>}
    </>
  );
}

/** One page of results: reference (to the case's page), date, classification, place, status, agencies, victims. */
export function SearchResults({ results }: { results: SearchResult[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  return (
    <div className="table-scroll">
      <table className="data-grid search-results" data-testid="search-results">
        <caption className="visually-hidden">{t('search.results')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('search.colRef')}</th>
            <th scope="col">{t('search.colDate')}</th>
            <th scope="col">{t('search.colClassification')}</th>
            <th scope="col">{t('search.colPlace')}</th>
            <th scope="col">{t('search.colStatus')}</th>
            <th scope="col">{t('search.colAgencies')}</th>
            <th scope="col">{t('search.colVictims')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.contactId} data-testid={`search-row-${r.ref}`}>
              <td className="nowrap">
                <Link to={`/cases/${r.contactId}`}>{r.ref}</Link>
                {r.training && <span className="muted small"> ({t('search.training')})</span>}
              </td>
              <td className="nowrap">{formatDateTime(r.receivedAt)}</td>
              <td>{r.classification ? label('classification', r.classification) : t('common.none')}</td>
              <td><PlaceText place={r.place} /></td>
              <td>{label('contactStatus', r.status)}</td>
              <td>
                {r.referrals.length === 0 ? t('common.none') : (
                  <ul className="plain-list">
                    {r.referrals.map((f) => (
                      <li key={f.id}>{f.agency?.name ?? t(`referral.track.${f.track}`)} · {label('referralStatus', f.status)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {r.victimNames === null ? <span className="muted">{t('search.withheld')}</span>
                  : r.victimNames.length === 0 ? <span className="muted">{t('search.noName')}</span>
                    : r.victimNames.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
