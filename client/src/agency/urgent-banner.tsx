import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';

interface Props {
  referrals: ReferralSummary[];
  onOpen: (id: number) => void;
  onDismiss: () => void;
}

/** New urgent referrals (immediate danger): a red strip above everything until opened or dealt with. */
export function UrgentBanner({ referrals, onOpen, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <div className="urgent-banner" data-testid="urgent-banner">
      <span className="urgent-icon" aria-hidden="true">
        ⚠
      </span>
      <ul className="plain-list">
        {referrals.map((r) => (
          <li key={r.id}>
            <strong>{t('referral.inbox.urgentNew', { ref: r.contactRef })}</strong>{' '}
            <button type="button" className="button button--small" onClick={() => onOpen(r.id)}>
              {t('referral.inbox.openUrgent')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--ghost button--icon" onClick={onDismiss} aria-label={t('referral.inbox.dismiss')}>
        ×
      </button>
    </div>
  );
}
