import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trainingApi } from './voice-api.js';

/** A training call going on: waiting, or put through to someone (answeredBy); null when not known (admins). */
export interface TrainingCall {
  id: number;
  ref: string;
  answeredBy: string | null;
}

/** One simulated call and what its simulated caller can do: hang up (any time) or leave a voice message (waiting). */
export function TrainingCallRow({ call: c, onDone, onError }: { call: TrainingCall; onDone: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const act = async (f: (id: number) => Promise<unknown>) => {
    setBusy(true);
    try {
      await f(c.id);
      onDone();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="training-call" data-testid={`training-call-${c.id}`}>
      <code>{c.ref}</code>
      <span className="muted">{c.answeredBy !== null ? t('phone.training.connected', { name: c.answeredBy }) : t('phone.training.waiting')}</span>
      <span className="spacer" />
      <button type="button" className="button button--small" disabled={busy} data-testid={`training-hangup-${c.id}`} onClick={() => void act(trainingApi.hangup)}>
        {t('phone.training.hangup')}
      </button>
      {c.answeredBy === null && (
        <button type="button" className="button button--small" disabled={busy} data-testid={`training-voicemail-${c.id}`} onClick={() => void act(trainingApi.voicemail)}>
          {t('phone.training.voicemail')}
        </button>
      )}
    </li>
  );
}
