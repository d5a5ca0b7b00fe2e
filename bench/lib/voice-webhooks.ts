import http from 'node:http';
import { twilioSignature } from '../../test/support/twilio.js';
import type { BenchEnv } from './env.js';

/** A Twilio webhook as Twilio sends it: form-encoded, signed for the public URL; resolves the HTTP status. */
export function signedForm(agent: http.Agent, env: BenchEnv, path: string, params: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(params).toString();
  const signature = twilioSignature(env.twilio.authToken, `${env.publicBaseUrl}${path}`, params);
  return new Promise((resolve, reject) => {
    const req = http.request(`${env.baseUrl}${path}`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
