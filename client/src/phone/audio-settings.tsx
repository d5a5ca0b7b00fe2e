import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioChoice, Softphone } from './softphone.js';

/** The microphone and speaker of the softphone (the SDK's audio helper); the list follows devices plugged in or out. */
export function AudioSettings({ phone }: { phone: Softphone }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<AudioChoice | null>(() => phone.audio());
  useEffect(() => phone.subscribe((e) => e.type === 'audio-devices' && setChoice(phone.audio())), [phone]);
  if (!choice) return null;
  const pick = async (set: (id: string) => Promise<void>, id: string) => {
    await set(id).catch(() => undefined);
    setChoice(phone.audio());
  };
  return (
    <div className="audio-settings" data-testid="audio-settings">
      <label className="field">
        <span className="label">{t('phone.call.microphone')}</span>
        <select value={choice.input ?? ''} data-testid="audio-input" onChange={(e) => void pick(phone.setInput, e.target.value)}>
          {choice.input === null && <option value="">{t('phone.call.systemDefault')}</option>}
          {choice.inputs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">{t('phone.call.speaker')}</span>
        {choice.outputSelectable ? (
          <select value={choice.output ?? ''} data-testid="audio-output" onChange={(e) => void pick(phone.setOutput, e.target.value)}>
            {choice.output === null && <option value="">{t('phone.call.systemDefault')}</option>}
            {choice.outputs.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted small">{t('phone.call.noSpeakerChoice')}</span>
        )}
      </label>
    </div>
  );
}
