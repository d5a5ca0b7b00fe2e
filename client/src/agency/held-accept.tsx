import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { can } from '../referrals/referral-format.js';

/** Back online after an accept that could not go through: the referral's state now, and the question again. */
export function HeldAccept({ referral: r, onYes, onNo }: { referral: ReferralSummary; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const status = label('referralStatus', r.status);
  if (!can.acceptOrDecline(r.status))
    return (
      <div className="alert alert--info" role="alert" data-testid="held-gone">
        {t('referral.offline.gone', { ref: r.contactRef, status })}{' '}
        <button type="button" className="button button--ghost" onClick={onNo}>
          OK
        </button>
      </div>
    );
  return (
    <div className="alert alert--info" role="alert" data-testid="held-confirm">
      <p>{t('referral.offline.confirm', { ref: r.contactRef, status, action: t('referral.actions.accept').toLowerCase() })}</p>
      <div className="inline-row">
        <button type="button" className="button button--primary" onClick={onYes} data-testid="held-yes">
          {t('referral.offline.confirmYes')}
        </button>
        <button type="button" className="button" onClick={onNo}>
          {t('referral.offline.confirmNo')}
        </button>
      </div>
    </div>
  );
}
