import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus, ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { can } from '../referrals/referral-format.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useReferral, useReferralAction } from '../referrals/referrals-api.js';
import { HttpError } from '../api/http.js';
import { HeldAccept } from './held-accept.js';
import { useOnline } from './use-offline-inbox.js';
import { CloseDialog } from './close-dialog.js';
import { DeclineDialog } from './decline-dialog.js';

interface Props {
  referral: ReferralSummary;
  keep?: (r: ReferralSummary) => boolean;
  /** After a successful action: the message to show and the status the referral moved to. */
  onDone: (message: string, status: ReferralStatus) => void;
}

/** The support form further down the detail: brought into view, its first field focused. */
function goToSupport() {
  document.getElementById('support-section')?.scrollIntoView({ block: 'start' });
  document.querySelector<HTMLSelectElement>('[data-testid="support-regime"]')?.focus({ preventScroll: true });
}

/**
 * Accept / decline while pending; record support and close once accepted. Only the buttons the status allows are
 * shown. On a phone this is the bar at the bottom of the screen, within thumb reach.
 */
export function ReferralActions({ referral: r, keep, onDone }: Props) {
  const { t } = useTranslation();
  const accept = useReferralAction(r.id, keep);
  const [dialog, setDialog] = useState<'decline' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = r.contactRef;

  const onAccept = async () => {
    setError(null);
    setHeld(false);
    try {
      await accept.mutateAsync({ kind: 'accept' });
      onDone(t('referral.actions.accepted', { ref }), 'accepted');
    } catch (err) {
      setError(actionErrorText(err));
      if (err instanceof HttpError && err.status === 0) setHeld(true);
    }
  };
  // An accept tried offline is asked again once online, against the referral as it is then (read again on reconnect).
  const [held, setHeld] = useState(false);
  const online = useOnline();
  const detail = useReferral(r.id);
  const asking = held && online && !detail.isFetching;

  const showAccept = can.acceptOrDecline(r.status);
  const showClose = can.close(r.status);
  if (!showAccept && !showClose && !error && !held) return null;

  return (
    <div className="referral-actions" data-testid="referral-actions" role="group" aria-label={t('referral.actions.title')}>
      {asking ? (
        <HeldAccept referral={r} onYes={() => void onAccept()} onNo={() => { setHeld(false); setError(null); }} />
      ) : (
        <Alert>{error}</Alert>
      )}
      <div className="inline-row">
        {showAccept && (
          <>
            <button type="button" className="button button--primary" onClick={() => void onAccept()} disabled={accept.isPending} data-testid="accept-referral">
              {accept.isPending ? t('referral.actions.accepting') : t('referral.actions.accept')}
            </button>
            <button type="button" className="button button--danger-outline" onClick={() => setDialog('decline')} data-testid="decline-referral">
              {t('referral.actions.decline')}
            </button>
          </>
        )}
        {showClose && (
          <button type="button" className="button button--primary" onClick={goToSupport} data-testid="record-support">
            {t('referral.support.record')}
          </button>
        )}
        {showClose && (
          <button type="button" className="button" onClick={() => setDialog('close')} data-testid="close-referral">
            {t('referral.actions.close')}
          </button>
        )}
      </div>
      {dialog === 'decline' && (
        <DeclineDialog
          referral={r}
          keep={keep}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onDone(t('referral.actions.declined', { ref }), 'declined');
          }}
        />
      )}
      {dialog === 'close' && (
        <CloseDialog
          referral={r}
          keep={keep}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onDone(t('referral.actions.closed', { ref }), 'closed');
          }}
        />
      )}
    </div>
  );
}
