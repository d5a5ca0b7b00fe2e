import { Readable } from 'node:stream';
import twilio from 'twilio';
import type { Config } from '../../config.js';
import { CallGoneError, type OperatorEndpoint, type VoiceDeps, type VoicePort } from './voice-port.js';

/** Twilio's error codes for a call that is no longer there to move (completed, not in progress, unknown). */
const GONE = new Set([20404, 21220]);

/** Music while a caller is on hold: Twilio's own public hold music, as its documentation uses. */
export const HOLD_MUSIC = 'https://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3';

/** Where the product's voice webhooks are, as Twilio must call them (signed against PUBLIC_BASE_URL). */
export const voiceUrl = (base: string, path: string, contactId?: number) =>
  `${base}/webhooks/twilio/voice/${path}${contactId != null ? `?c=${contactId}` : ''}`;

export function endpointAddress(e: OperatorEndpoint): string {
  return e.kind === 'softphone' ? `client:${e.identity}` : e.kind === 'phone' ? e.number : e.uri;
}

/** The REST client; requests go to TWILIO_API_URL (a local fake in tests and staging) unless a test injects the client. */
function restClient(config: Pick<Config, 'twilio' | 'TWILIO_API_URL'>, deps: VoiceDeps) {
  const { accountSid, authToken } = config.twilio!;
  if (deps.httpClient) return twilio(accountSid, authToken, { httpClient: deps.httpClient as never });
  const base = config.TWILIO_API_URL.replace(/\/$/, '');
  if (base === 'https://api.twilio.com') return twilio(accountSid, authToken);
  const inner = new twilio.RequestClient();
  const rewriting = { request: (opts: { uri: string }) => inner.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z.]*twilio\.com/, base) } as never) };
  return twilio(accountSid, authToken, { httpClient: rewriting as never });
}

const isGone = (err: unknown) => GONE.has((err as { code?: number }).code ?? 0) || (err as { status?: number }).status === 404;

export function createTwilioVoice(config: Pick<Config, 'twilio' | 'PUBLIC_BASE_URL' | 'TWILIO_API_URL'>, deps: VoiceDeps): VoicePort {
  const client = restClient(config, deps);
  const { accountSid, authToken, fromNumber } = config.twilio!;
  const base = config.PUBLIC_BASE_URL;
  const fetchMedia = deps.fetchMedia ?? fetch;

  return {
    mode: 'twilio',
    async connect({ contactId, callSid, endpoint }) {
      try {
        await client.calls(callSid).update({ url: voiceUrl(base, 'connect', contactId), method: 'POST' });
      } catch (err) {
        if (isGone(err)) throw new CallGoneError(`call ${callSid} is no longer waiting`);
        throw err;
      }
      const leg = await client.calls.create({
        to: endpointAddress(endpoint),
        from: fromNumber,
        url: voiceUrl(base, 'agent', contactId),
        method: 'POST',
        statusCallback: voiceUrl(base, 'agent-status', contactId),
        statusCallbackEvent: ['answered', 'completed'],
        statusCallbackMethod: 'POST',
        timeout: 30,
      });
      return { operatorCallSid: leg.sid };
    },
    async hold({ conferenceSid, callSid, hold }) {
      await client.conferences(conferenceSid).participants(callSid).update({ hold, holdUrl: voiceUrl(base, 'hold-music'), holdMethod: 'POST' });
    },
    async hangup(callSid) {
      try {
        await client.calls(callSid).update({ status: 'completed' });
      } catch (err) {
        if (!isGone(err)) throw err;
      }
    },
    async redirect(callSid, url) {
      try {
        await client.calls(callSid).update({ url, method: 'POST' });
      } catch (err) {
        if (isGone(err)) throw new CallGoneError(`call ${callSid} is no longer there`);
        throw err;
      }
    },
    async fetchRecording(recordingSid) {
      const url = `${config.TWILIO_API_URL.replace(/\/$/, '')}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}.mp3`;
      const res = await fetchMedia(url, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } });
      if (res.status === 404) throw new CallGoneError('recording not found at Twilio');
      if (!res.ok || !res.body) throw new Error(`Twilio answered ${res.status} for a recording`);
      const length = Number(res.headers.get('content-length'));
      return { body: Readable.fromWeb(res.body as never), contentType: res.headers.get('content-type') ?? 'audio/mpeg', contentLength: Number.isFinite(length) && length > 0 ? length : null };
    },
    async deleteRecording(recordingSid) {
      try {
        await client.recordings(recordingSid).remove();
      } catch (err) {
        if (!isGone(err)) throw err;
      }
    },
  };
}
