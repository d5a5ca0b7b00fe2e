import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { locationText } from './referral-format.js';

/**
 * A referral's place with its whole path, each unit labelled (commune, district on the old map, province), then what
 * an old place is today; abroad or unknown places as one line.
 */
export function PlacePath({ location: loc }: { location: ReferralSummary['location'] }) {
  const { t } = useTranslation();
  const { country } = useLabels();
  if (loc.kind !== 'unit' || loc.parts.length === 0) return <>{locationText(loc, t, country)}</>;
  return (
    <span className="place-path" data-testid="place-path">
      {loc.parts.map((p) => (
        <span key={p.level} className="place-part" data-level={p.level}>
          <span className="place-level">{t(`referral.location.level.${p.level}`)}</span> {p.name}
        </span>
      ))}
      {loc.now && <span className="place-now">{t('referral.location.now', { now: loc.now })}</span>}
    </span>
  );
}
