import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTwilioHttp } from './twilio.js';

/**
 * Twilio's REST API as a local HTTP server, for a product started as its own process (`npm start` in browser tests):
 * it is given TWILIO_API_URL and its requests land here, recorded and answered like Twilio (FakeTwilioHttp). Nothing
 * else of the product is replaced.
 */
export async function startFakeTwilioServer(): Promise<{ url: string; twilio: FakeTwilioHttp; close(): Promise<void> }> {
  const twilio = new FakeTwilioHttp();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const data = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const media = req.url?.endsWith('.mp3');
      if (media) {
        const r = await twilio.fetchMedia(`https://api.twilio.com${req.url}`, { headers: { authorization: req.headers.authorization ?? '' } });
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' });
        return res.end(Buffer.from(await r.arrayBuffer()));
      }
      const r = await twilio.request({ method: req.method ?? 'GET', uri: `https://api.twilio.com${req.url}`, data });
      res.writeHead(r.statusCode, { 'content-type': 'application/json' });
      res.end(r.body == null ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, twilio, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
