import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The keypad: tones sent into the call (a caller's menu, an extension), the last digits shown. */
export function DtmfPad({ onDigit }: { onDigit: (d: string) => void }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState('');
  const press = (k: string) => {
    onDigit(k);
    setSent((s) => (s + k).slice(-12));
  };
  return (
    <div className="dtmf" role="group" aria-label={t('phone.call.keypadTitle')} data-testid="dtmf-pad">
      <div className="dtmf-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="button dtmf-key" aria-label={t('phone.call.key', { key: k })} data-testid={`dtmf-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`} onClick={() => press(k)}>
            {k}
          </button>
        ))}
      </div>
      <p className="muted small" aria-live="polite" data-testid="dtmf-sent">
        {sent && t('phone.call.sent', { digits: sent })}
      </p>
    </div>
  );
}
