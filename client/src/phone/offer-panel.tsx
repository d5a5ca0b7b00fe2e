import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { useSecond } from '../referrals/clock-tick.js';
import { offerSecondsLeft } from './call-state.js';
import { usePhone } from './phone-context.js';
import { startRinging } from './ring.js';
import { TrainingLabel } from './status-badge.js';

/**
 * A call offered to this operator rings here: who calls (masked), how often they called, the time left to accept.
 * The live region is always on the page, so screen readers announce the offer the moment it arrives.
 */
export function OfferPanel() {
  const { t } = useTranslation();
  const { state, accept, decline, config, dismiss } = usePhone();
  const offer = state.offer;
  const now = useSecond();
  const [acting, setActing] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const repeatText = (count: number) => (count > 0 ? t('phone.offer.repeat', { n: count + 1 }) : t('phone.offer.firstCall'));

  // A new offer: announce it once (not every second of its countdown) and ring until it stops.
  useEffect(() => {
    if (!offer) return;
    const left = offerSecondsLeft(offer, Date.now());
    setAnnouncement(t('phone.offer.announce', { caller: offer.contact.callerMasked ?? t('operator.queue.unknownCaller'), repeat: repeatText(offer.contact.repeatCount), seconds: left }));
    return startRinging();
  }, [offer, t]);

  const act = async (f: () => Promise<void>) => {
    setActing(true);
    await f();
    setActing(false);
  };
  const ended = state.lastOfferEnd;
  const left = offer ? offerSecondsLeft(offer, now) : 0;
  const total = config?.offerTimeoutSeconds ?? 15;

  return (
    <>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      {offer && (
        <section className="offer-panel" aria-labelledby="offer-title" data-testid="call-offer" data-contact-id={offer.contactId}>
          <div className="offer-main">
            <h2 id="offer-title" className="offer-title">
              <span className="offer-bell" aria-hidden="true" />
              {t('phone.offer.title')}
              {offer.training && <TrainingLabel />}
            </h2>
            <span className="offer-caller" data-testid="offer-caller" aria-label={t('phone.offer.caller')}>
              {offer.contact.callerMasked ?? t('operator.queue.unknownCaller')}
            </span>
            <span className="badge badge--repeat" data-testid="offer-repeat">
              {repeatText(offer.contact.repeatCount)}
            </span>
            <span className="qi-ref">{offer.contact.ref}</span>
          </div>
          <div className="offer-time">
            <span data-testid="offer-countdown">{t('phone.offer.countdown', { seconds: left })}</span>
            <progress max={total} value={Math.min(left, total)} aria-hidden="true" />
          </div>
          <div className="offer-actions">
            <button type="button" className="button" data-testid="offer-decline" disabled={acting} onClick={() => void act(decline)}>
              {t('phone.offer.decline')}
            </button>
            <button type="button" className="button button--accept" data-testid="offer-accept" disabled={acting} onClick={() => void act(accept)}>
              {t('phone.offer.accept')}
            </button>
          </div>
        </section>
      )}
      {!offer && ended && (
        <div className="desk-notice" data-testid="offer-ended" data-reason={ended.reason}>
          <Alert kind="info">{t(`phone.offer.ended.${ended.reason}`)}</Alert>
          <button type="button" className="button button--ghost button--icon" onClick={dismiss} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
