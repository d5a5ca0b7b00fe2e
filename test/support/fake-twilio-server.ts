import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTwilioHttp } from './twilio.js';

export interface RecordedTwilioRequest {
  method: string;
  path: string;
  data: Record<string, string>;
  /** What the fake answered (e.g. the sid of a call it created). */
  answer: Record<string, unknown> | null;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });

/**
 * Twilio's REST API as a local HTTP server, for a product running in its own process (TWILIO_API_URL points here):
 * records every request and answers like Twilio, with FakeTwilioHttp's answers (calls moved or created, conference
 * participants held, recordings). The only thing of Twilio's cloud a browser test replaces, with the Device double.
 */
export async function startFakeTwilioServer() {
  const fake = new FakeTwilioHttp();
  const requests: RecordedTwilioRequest[] = [];
  const server = createServer(async (req, res) => {
    const data = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const path = (req.url ?? '').split('?')[0]!;
    const r = await fake.request({ method: req.method ?? 'GET', uri: `https://api.twilio.com${path}`, data });
    requests.push({ method: req.method ?? 'GET', path, data, answer: (r.body as Record<string, unknown> | null) ?? null });
    res.writeHead(r.statusCode, { 'content-type': 'application/json' });
    res.end(r.body == null ? '' : JSON.stringify(r.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
