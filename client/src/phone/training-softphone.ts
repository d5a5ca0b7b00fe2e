import { listeners, type Softphone } from './softphone.js';

/** How long a simulated callback "rings" before the simulated caller answers. */
const SIMULATED_RING_MS = 1500;

/**
 * The training line's device: no Twilio, no audio, the same controls. Calls put through are up at once (the server
 * says so with 'call:connecting' training: true); a callback rings briefly, then the simulated caller answers.
 */
export function createTrainingSoftphone(): Softphone {
  const hub = listeners();
  const timers = new Map<number, number>();
  return {
    kind: 'training',
    async start() {
      hub.emit({ type: 'line', line: 'ready', problem: null });
    },
    stop() {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      hub.emit({ type: 'line', line: 'off' });
    },
    expect() {
      // Nothing rings here: the simulated call is connected by the server's word alone.
    },
    async dial({ contactId }) {
      timers.set(contactId, setTimeout(() => hub.emit({ type: 'answered', contactId }), SIMULATED_RING_MS));
    },
    hangup(contactId) {
      clearTimeout(timers.get(contactId));
      timers.delete(contactId);
      hub.emit({ type: 'ended', contactId });
    },
    mute(muted) {
      hub.emit({ type: 'muted', muted });
    },
    sendDigits() {
      // No audio to carry the tones.
    },
    audio: () => null,
    setInput: async () => undefined,
    setOutput: async () => undefined,
    subscribe: hub.subscribe,
  };
}
