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

export const newSid = (prefix: 'CA' | 'SM') => `${prefix}${randomBytes(16).toString('hex')}`;

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

/** Twilio's REST API replaced at its HTTP client boundary: records each request and answers like Twilio. */
export class FakeTwilioHttp {
  requests: { method: string; uri: string; data: Record<string, string> }[] = [];
  failWith: { statusCode: number; code: number } | null = null;
  async request(opts: { method: string; uri: string; data?: Record<string, string> }) {
    this.requests.push({ method: opts.method, uri: opts.uri, data: opts.data ?? {} });
    if (this.failWith)
      return { statusCode: this.failWith.statusCode, body: { code: this.failWith.code, message: 'refused', status: this.failWith.statusCode }, headers: {} };
    const sid = newSid('SM');
    return { statusCode: 201, body: { sid, status: 'queued', to: opts.data?.To, from: opts.data?.From, body: opts.data?.Body }, headers: {} };
  }
}
