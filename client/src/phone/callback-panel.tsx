import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CALLBACK_OUTCOMES, CALLBACK_STATUSES, type CallbackOutcome, type CallbackStatus, type ContactDetail } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { useSecond } from '../referrals/clock-tick.js';
import { CallbackBadge } from './callback-badge.js';
import { usePhone } from './phone-context.js';
import { RecordingPlayer } from './recording-player.js';

/**
 * A missed call this operator holds: call the caller back from the softphone (the server dials the number), then
 * record how the attempt went. The voice message, when there is one, plays here.
 */
export function CallbackPanel({ contact: c }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const now = useSecond();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ status: string; attempts: number } | null>(null);
  const cb = c.callback;
  if (!cb) return null;
  const call = phone.state.call;
  const attempt = call?.contactId === c.id && call.kind === 'callback' && call.attemptId !== null ? call : null;
  const otherCall = call !== null && call.phase !== 'ended' && call.contactId !== c.id;
  const lineReady = phone.mode === 'training' || (phone.mode === 'twilio' && phone.state.line === 'ready');

  const run = async <T,>(f: () => Promise<T>) => {
    setBusy(true);
    try {
      return await f();
    } finally {
      setBusy(false);
    }
  };
  const record = async (o: CallbackOutcome) => {
    const r = await run(() => phone.recordOutcome(o));
    if (r) setResult(r);
  };

  return (
    <section className="callback-panel" aria-labelledby={`callback-${c.id}`} data-testid="callback-panel">
      <h3 id={`callback-${c.id}`}>{t('phone.callback.title')}</h3>
      <CallbackBadge callback={cb} max={phone.config?.callbackMaxAttempts ?? 3} now={now} />
      <p className="muted small">{t('phone.callback.intro')}</p>
      {cb.reason === 'voicemail' && !c.training && <RecordingPlayer contactId={c.id} contactRef={c.ref} />}
      {cb.status === 'open' && !attempt && (
        <button type="button" className="button button--primary" data-testid="callback-start" disabled={busy || otherCall || !lineReady} onClick={() => void run(() => phone.startCallback(c.id))}>
          {busy ? t('phone.callback.starting') : t('phone.callback.start')}
        </button>
      )}
      {attempt && (
        <div className="callback-outcomes" role="group" aria-label={t('phone.callback.outcomeTitle')}>
          <span className="label">{t('phone.callback.outcomeTitle')}</span>
          {CALLBACK_OUTCOMES.map((o) => (
            <button key={o} type="button" className="button button--small" data-testid={`callback-outcome-${o}`} disabled={busy} onClick={() => void record(o)}>
              {t(`phone.callback.outcome.${o}`)}
            </button>
          ))}
        </div>
      )}
      {result && (
        <Alert kind="success">
          {t('phone.callback.recorded', { status: statusText(result.status, t), count: result.attempts })}
        </Alert>
      )}
    </section>
  );
}

// i18next's TFunction: ReturnType<typeof useTranslation>['t'] makes TypeScript give up (TS2589).
const statusText = (s: string, t: TFunction) =>
  (CALLBACK_STATUSES as readonly string[]).includes(s) ? t(`phone.callback.status.${s as CallbackStatus}`) : s;
