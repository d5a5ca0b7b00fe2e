import type { LineState, PhoneProblem } from './call-state.js';

/** What the softphone tells the console; the console's state machine (call-state.ts) folds these in. */
export type SoftphoneEvent =
  | { type: 'line'; line: LineState; problem?: PhoneProblem | null }
  | { type: 'problem'; problem: PhoneProblem | null }
  | { type: 'answered'; contactId: number }
  | { type: 'ended'; contactId: number }
  | { type: 'muted'; muted: boolean }
  | { type: 'audio-devices' };

export interface AudioDevice {
  id: string;
  label: string;
}

/** The microphones and speakers the browser offers, and the ones in use (null: the system's default). */
export interface AudioChoice {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  input: string | null;
  output: string | null;
  /** Chromium can route the call's sound to a chosen speaker; other browsers use the default one. */
  outputSelectable: boolean;
}

/**
 * The console's phone, whatever is behind it: Twilio's Voice SDK (twilio-softphone.ts) or the training line's
 * simulated device (training-softphone.ts). The console never touches the SDK itself.
 */
export interface Softphone {
  readonly kind: 'twilio' | 'training';
  /** Registers for incoming calls (Twilio: fetches a token; the training device is ready at once). */
  start(): Promise<void>;
  stop(): void;
  /**
   * The server is putting a call through to this operator: answer the incoming call whose CallSid is
   * operatorCallSid as soon as it rings here (it may already be ringing), without a second click.
   */
  expect(p: { contactId: number; operatorCallSid: string | null }): void;
  /** A callback rings out to the caller of this contact (the server dials the number; it never reaches the browser). */
  dial(p: { contactId: number }): Promise<void>;
  hangup(contactId: number): void;
  mute(muted: boolean): void;
  sendDigits(digits: string): void;
  audio(): AudioChoice | null;
  setInput(id: string): Promise<void>;
  setOutput(id: string): Promise<void>;
  subscribe(listener: (e: SoftphoneEvent) => void): () => void;
}

/** A tiny event hub the softphones share. */
export function listeners() {
  const set = new Set<(e: SoftphoneEvent) => void>();
  return {
    emit: (e: SoftphoneEvent) => set.forEach((l) => l(e)),
    subscribe: (l: (e: SoftphoneEvent) => void) => {
      set.add(l);
      return () => void set.delete(l);
    },
  };
}
