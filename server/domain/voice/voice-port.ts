import type { Readable } from 'node:stream';
import type { Config } from '../../config.js';
import { createTwilioVoice } from './twilio-voice.js';

/** Where an operator takes calls: the console's softphone (a Voice SDK identity), a desk phone or a SIP address. */
export type OperatorEndpoint = { kind: 'softphone'; identity: string } | { kind: 'phone'; number: string } | { kind: 'sip'; uri: string };

export interface RecordingMedia {
  body: Readable;
  contentType: string;
  contentLength: number | null;
}

/**
 * What the product asks of Twilio's voice API. 'twilio' drives real calls through the REST API; 'training' (no
 * credentials) does nothing remote: the training line simulates the caller, and everything else runs the same code.
 */
export interface VoicePort {
  readonly mode: 'twilio' | 'training';
  /**
   * Moves a waiting call into its contact's conference and rings the operator's endpoint; returns the operator leg's
   * call sid. Throws CallGoneError when the caller is no longer there.
   */
  connect(p: { contactId: number; callSid: string; endpoint: OperatorEndpoint }): Promise<{ operatorCallSid: string | null }>;
  /** Puts the caller on hold (music) or back; needs the conference sid Twilio reported. */
  hold(p: { conferenceSid: string; callSid: string; hold: boolean }): Promise<void>;
  /** Ends a call (a leg). */
  hangup(callSid: string): Promise<void>;
  /** Sends a call to other TwiML (a caller back into the queue when the operator's phone did not answer). */
  redirect(callSid: string, url: string): Promise<void>;
  /** The recording's audio, fetched with the account's credentials (never a URL handed to a browser). */
  fetchRecording(recordingSid: string): Promise<RecordingMedia>;
  deleteRecording(recordingSid: string): Promise<void>;
}

/** The caller hung up before the call could be moved or put through. */
export class CallGoneError extends Error {
  override name = 'CallGoneError';
}

/** The training line: Twilio is not configured, nothing leaves the machine. */
export const trainingVoice: VoicePort = {
  mode: 'training',
  connect: async () => ({ operatorCallSid: null }),
  hold: async () => {},
  hangup: async () => {},
  redirect: async () => {},
  fetchRecording: async () => {
    throw new CallGoneError('the training line records nothing');
  },
  deleteRecording: async () => {},
};

/** `httpClient` is Twilio's own HTTP boundary (tests replace only it); `fetchMedia` fetches recordings' audio. */
export interface VoiceDeps {
  httpClient?: unknown;
  fetchMedia?: typeof fetch;
}

export function createVoicePort(config: Pick<Config, 'twilio' | 'PUBLIC_BASE_URL' | 'TWILIO_API_URL'>, deps: VoiceDeps = {}): VoicePort {
  return config.twilio ? createTwilioVoice(config, deps) : trainingVoice;
}
