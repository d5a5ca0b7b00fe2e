import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http.js';
import { BellIcon } from './bell-icon.js';

type State = 'unsupported' | 'off' | 'on' | 'denied' | 'working';

const supported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Opt this device in to push alerts (a new referral, a deadline near, an escalation), or out again. */
export function PushOptIn() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(supported() ? 'working' : 'unsupported');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!supported()) return;
    if (Notification.permission === 'denied') return setState('denied');
    void navigator.serviceWorker.getRegistration().then(async (reg) => setState((await reg?.pushManager.getSubscription()) ? 'on' : 'off'));
  }, []);

  if (state === 'unsupported') return null;

  const turnOn = async () => {
    setState('working');
    setError(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const { publicKey } = await request<{ publicKey: string | null }>('GET', '/api/push/key');
      if (!publicKey) throw new Error(t('referral.push.unavailable'));
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      await request('POST', '/api/push/subscriptions', sub.toJSON());
      setState('on');
    } catch (err) {
      setError((err as Error).message);
      setState('off');
    }
  };
  const turnOff = async () => {
    setState('working');
    const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
    if (sub) {
      await request('DELETE', '/api/push/subscriptions', { endpoint: sub.endpoint }).catch(() => undefined);
      await sub.unsubscribe();
    }
    setState('off');
  };

  return (
    <div className="push-optin" data-testid="push-optin" data-state={state}>
      {state === 'on' ? (
        <button type="button" className="button button--ghost" onClick={() => void turnOff()}>
          <BellIcon /> {t('referral.push.on')}
        </button>
      ) : state === 'denied' ? (
        <span className="muted">{t('referral.push.denied')}</span>
      ) : (
        <button type="button" className="button" onClick={() => void turnOn()} disabled={state === 'working'}>
          <BellIcon off /> {t('referral.push.turnOn')}
        </button>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
