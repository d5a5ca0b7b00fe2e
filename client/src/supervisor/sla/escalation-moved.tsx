import { useTranslation } from 'react-i18next';
import { OPEN_REFERRAL_STATUSES, type EscalationView } from '../../../../shared/index.js';
import { useLabels } from '../../i18n/use-labels.js';

const isOpen = (s: EscalationView['referralStatus']) => (OPEN_REFERRAL_STATUSES as readonly string[]).includes(s);

/**
 * An escalation whose referral has since left the agency (declined, expired) stays for the supervisor to decide;
 * this says so, and where the case is now on the track (opening it there: the queue's assign form, or the next agency).
 */
export function EscalationMoved({ escalation: e, onOpen }: { escalation: EscalationView; onOpen: (referralId: number) => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  if (isOpen(e.referralStatus)) return null;
  const now = e.current;
  return (
    <div className="escalation-moved" data-testid={`moved-on-${e.id}`} data-status={e.referralStatus}>
      {t('sla.board.movedOn', { status: label('referralStatus', e.referralStatus) })}{' '}
      {now ? (
        <button type="button" className="link-button" onClick={() => onOpen(now.referralId)} data-testid={`moved-on-open-${e.id}`} data-status={now.status}>
          {now.agency
            ? t('sla.board.nowWith', { agency: now.agency.name, status: label('referralStatus', now.status) })
            : t('sla.board.nowQueue')}
        </button>
      ) : (
        t('sla.board.trackEnded')
      )}
    </div>
  );
}
