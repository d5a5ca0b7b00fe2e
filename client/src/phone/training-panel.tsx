import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { localizeMessage } from '../i18n/messages.js';
import { TrainingCallRow, type TrainingCall } from './training-call-row.js';
import { useLiveTrainingCalls } from './use-training-calls.js';
import { trainingApi, useVoiceConfig } from './voice-api.js';
import './phone.css';

/**
 * The training line (no Twilio): a supervisor or admin places a simulated call into the real queue, and makes its
 * simulated caller hang up or leave a voice message. Shown only on the training line.
 */
export function TrainingPanel({ live, explainTwilio = false }: { live: boolean; explainTwilio?: boolean }) {
  const { t } = useTranslation();
  const config = useVoiceConfig();
  const liveCalls = useLiveTrainingCalls(live && config.data?.mode === 'training');
  const [placed, setPlaced] = useState<TrainingCall[]>([]);
  const [from, setFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  if (config.data?.mode !== 'training') {
    return explainTwilio && config.data ? <p className="muted" data-testid="training-twilio">{t('phone.training.twilio')}</p> : null;
  }
  const fail = (err: unknown) => setMessage({ kind: 'error', text: err instanceof HttpError && err.fields.from ? localizeMessage(err.fields.from) : localizeMessage((err as Error).message) });

  const place = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const r = await trainingApi.place(from.trim() || undefined);
      setPlaced((p) => [...p, { id: r.contactId, ref: r.ref ?? `#${r.contactId}`, answeredBy: null }]);
      setMessage({ kind: 'success', text: t('phone.training.placed', { ref: r.ref ?? r.contactId }) });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const rows: TrainingCall[] = liveCalls
    ? liveCalls.map((c) => ({ id: c.id, ref: c.ref, answeredBy: c.answeredAt ? (c.claimedBy?.displayName ?? '') : null }))
    : placed;
  const gone = (id: number) => setPlaced((p) => p.filter((c) => c.id !== id));

  return (
    <section className="panel training-panel" aria-labelledby="training-title" data-testid="training-panel">
      <header className="panel-header">
        <h2 id="training-title">
          <span className="badge badge--training">{t('phone.training.label')}</span> {t('phone.training.panelTitle')}
        </h2>
      </header>
      <p className="muted small">{t('phone.training.intro')}</p>
      <form className="training-form" onSubmit={(e) => void place(e)}>
        <label className="field">
          <span className="label">{t('phone.training.from')}</span>
          <input name="from" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="+84912345678" inputMode="tel" data-testid="training-from" aria-describedby="training-from-hint" />
          <span className="field-hint" id="training-from-hint">{t('phone.training.fromHint')}</span>
        </label>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="training-place">
          {busy ? t('phone.training.placing') : t('phone.training.place')}
        </button>
      </form>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <h3 className="training-subtitle">{t('phone.training.calls')}</h3>
      {rows.length === 0 ? (
        <p className="empty-note">{t('phone.training.none')}</p>
      ) : (
        <ul className="training-calls">
          {rows.map((c) => (
            <TrainingCallRow key={c.id} call={c} onDone={() => gone(c.id)} onError={fail} />
          ))}
        </ul>
      )}
    </section>
  );
}
