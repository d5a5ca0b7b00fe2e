import { createHmac, randomBytes } from 'node:crypto';

export const TEST_TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  TWILIO_FROM_NUMBER: '+84240000111',
};

/**
 * Twilio's documented signing: HMAC-SHA1, keyed with the auth token, over the full URL followed by every POST
 * parameter name and value sorted by name; base64. Written here independently of the twilio library.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export const newSid = (prefix: 'CA' | 'SM' | 'RE' | 'CF') => `${prefix}${randomBytes(16).toString('hex')}`;

/** POSTs a form-encoded webhook the way Twilio does, signed for `publicBaseUrl` (the URL Twilio believes it called). */
export async function signedTwilioPost(
  baseUrl: string,
  path: string,
  params: Record<string, string>,
  opts: { authToken?: string; publicBaseUrl?: string; signature?: string | null } = {},
) {
  const url = `${opts.publicBaseUrl ?? baseUrl}${path}`;
  const signature = opts.signature === undefined ? twilioSignature(opts.authToken ?? TEST_TWILIO.TWILIO_AUTH_TOKEN, url, params) : opts.signature;
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature && { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/**
 * Twilio's REST API replaced at its HTTP client boundary: records each request and answers like Twilio (messages,
 * calls moved or created, conference participants on hold, recordings deleted), plus the recordings' media URL.
 */
export class FakeTwilioHttp {
  /** What the product asked, and what it was answered (e.g. the sid of a call it created). */
  requests: { method: string; uri: string; data: Record<string, string>; answer?: Record<string, unknown> | null }[] = [];
  failWith: { statusCode: number; code: number } | null = null;
  /** Calls that ended: moving them answers Twilio's 404 (20404). */
  goneCalls = new Set<string>();
  /** Recording media served by fetchMedia: sid → bytes. */
  recordings = new Map<string, Buffer>();

  async request(opts: { method: string; uri: string; data?: Record<string, string> }) {
    const seen: (typeof this.requests)[number] = { method: opts.method, uri: opts.uri, data: opts.data ?? {} };
    this.requests.push(seen);
    if (this.failWith)
      return { statusCode: this.failWith.statusCode, body: { code: this.failWith.code, message: 'refused', status: this.failWith.statusCode }, headers: {} };
    const r = this.answer(opts.method.toUpperCase(), opts.uri, opts.data ?? {});
    seen.answer = r.body as Record<string, unknown> | null;
    return r;
  }

  private answer(method: string, uri: string, data: Record<string, string>) {
    const call = uri.match(/\/Calls\/(CA[0-9a-f]{32})\.json$/);
    if (call && this.goneCalls.has(call[1]!))
      return { statusCode: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 }, headers: {} };
    if (call) return { statusCode: 200, body: { sid: call[1], status: data.Status ?? 'in-progress' }, headers: {} };
    if (/\/Calls\.json$/.test(uri)) return { statusCode: 201, body: { sid: newSid('CA'), status: 'queued', to: data.To, from: data.From }, headers: {} };
    const participant = uri.match(/\/Conferences\/(CF[0-9a-f]{32})\/Participants\/(CA[0-9a-f]{32})\.json$/);
    if (participant) return { statusCode: 200, body: { call_sid: participant[2], conference_sid: participant[1], hold: data.Hold === 'true' }, headers: {} };
    if (method === 'DELETE' && /\/Recordings\/RE[0-9a-f]{32}\.json$/.test(uri)) return { statusCode: 204, body: null, headers: {} };
    return { statusCode: 201, body: { sid: newSid('SM'), status: 'queued', to: data.To, from: data.From, body: data.Body }, headers: {} };
  }

  /** The recordings' media URL, fetched with the account's credentials (checked here). */
  fetchMedia = (async (url: string | URL, init?: RequestInit) => {
    const u = String(url);
    this.requests.push({ method: 'GET', uri: u, data: { authorization: String((init?.headers as Record<string, string> | undefined)?.authorization ?? '') } });
    const sid = u.match(/Recordings\/(RE[0-9a-f]{32})\.mp3$/)?.[1];
    const bytes = sid ? this.recordings.get(sid) : undefined;
    if (!bytes) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': 'audio/mpeg', 'content-length': String(bytes.length) } });
  }) as typeof fetch;
}

export const newRecordingSid = () => `RE${randomBytes(16).toString('hex')}`;
export const newConferenceSid = () => `CF${randomBytes(16).toString('hex')}`;
