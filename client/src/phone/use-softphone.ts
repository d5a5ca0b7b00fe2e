import { useCallback, useEffect, useState, type Dispatch } from 'react';
import type { VoiceConfigView } from '../../../shared/index.js';
import type { PhoneAction } from './call-state.js';
import { loadDevice } from './device-seam.js';
import type { Softphone } from './softphone.js';
import { createTrainingSoftphone } from './training-softphone.js';
import { createTwilioSoftphone } from './twilio-softphone.js';
import { fetchVoiceToken } from './voice-api.js';

/** 'none': Twilio without the softphone; calls ring the operator's desk phone or SIP address. */
export type SoftphoneMode = 'twilio' | 'training' | 'none';

/**
 * The console's softphone for the line's mode: the training device on the training line, Twilio's Device when the
 * softphone is configured, none when calls ring desk phones. Its events feed the phone's state machine.
 * `restart` starts it again (after a token could not be fetched, say).
 */
export function useSoftphone(config: VoiceConfigView | undefined, dispatch: Dispatch<PhoneAction>) {
  const [phone, setPhone] = useState<Softphone | null>(null);
  const [generation, setGeneration] = useState(0);
  const mode: SoftphoneMode | null = config ? (config.mode === 'training' ? 'training' : config.softphone ? 'twilio' : 'none') : null;

  useEffect(() => {
    if (!mode || mode === 'none') return;
    let alive = true;
    let made: Softphone | null = null;
    let unsubscribe = () => undefined as void;
    const begin = async () => {
      const p = mode === 'training' ? createTrainingSoftphone() : createTwilioSoftphone(await loadDevice(), fetchVoiceToken);
      if (!alive) return;
      made = p;
      unsubscribe = p.subscribe((e) => {
        if (e.type === 'line') dispatch({ type: 'line', line: e.line, problem: e.problem });
        else if (e.type === 'problem') dispatch({ type: 'problem', problem: e.problem });
        else if (e.type === 'answered') dispatch({ type: 'answered', contactId: e.contactId, at: Date.now() });
        else if (e.type === 'ended') dispatch({ type: 'ended', contactId: e.contactId, at: Date.now() });
        else if (e.type === 'muted') dispatch({ type: 'muted', muted: e.muted });
      });
      setPhone(p);
      await p.start();
    };
    begin().catch(() => alive && dispatch({ type: 'line', line: 'error', problem: 'unsupported' }));
    return () => {
      alive = false;
      unsubscribe();
      made?.stop();
      setPhone(null);
    };
  }, [mode, generation, dispatch]);

  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return { phone, mode, restart };
}
