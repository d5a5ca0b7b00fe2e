import { request } from 'node:http';
import { expect } from 'chai';
import { io } from 'socket.io-client';
import { PUBLIC_URL } from '../support/contacts.js';
import { createTestUser, loginAs } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { testConfig } from '../support/test-env.js';
import { newSid, TEST_TWILIO, twilioSignature } from '../support/twilio.js';

type Outcome = { status: number; text: string } | { error: string };

/**
 * A request whose headers and first half of the body are sent now, on a connection of its own: the server has
 * accepted it and is reading it. `finish()` sends the rest.
 */
function heldRequest(baseUrl: string, path: string, body: string, headers: Record<string, string>) {
  const half = Math.floor(body.length / 2);
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  let req!: ReturnType<typeof request>;
  const result = new Promise<Outcome>((resolve) => {
    req = request(`${baseUrl}${path}`, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.on('socket', (s) => s.once('connect', connected));
    req.write(body.slice(0, half));
  });
  return { ready, result, finish: () => req.end(body.slice(half)) };
}

/** A GET on a connection of its own: its status, or the connection error's code. */
function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message));
    req.end();
  });
}

function voiceWebhook(baseUrl: string) {
  const params = { CallSid: newSid('CA'), From: `+8491${Math.floor(1e7 + Math.random() * 9e7)}`, CallStatus: 'ringing' };
  const signature = twilioSignature(TEST_TWILIO.TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/voice`, params);
  const held = heldRequest(baseUrl, '/webhooks/twilio/voice', new URLSearchParams(params).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signature,
  });
  return { ...held, callSid: params.CallSid };
}

describe('graceful shutdown: SIGTERM under load', function () {
  this.timeout(120_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let server: ServerProcess | undefined;

  before(async () => {
    scratch = await scratchDatabase();
  });
  after(async () => {
    server?.kill();
    await scratch?.drop();
  });

  it('answers every request in flight, stores every accepted webhook, says 503 on /readyz at once and drops sockets so they reconnect', async () => {
    const c = testConfig();
    server = await startServerProcess({
      DATABASE_URL: scratch.url,
      REDIS_URL: c.REDIS_URL,
      REDIS_PREFIX: `${c.REDIS_PREFIX}_sd`,
      DEMO_DATA: 'off',
      ...TEST_TWILIO,
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_API_URL: 'http://127.0.0.1:9', // nothing may reach Twilio
      OUTBOUND_SMS: 'outbox',
      SHUTDOWN_READY_DELAY_MS: '400',
      SHUTDOWN_DRAIN_SECONDS: '10',
    });
    const base = server.baseUrl;
    expect(await probe(`${base}/readyz`)).to.equal(200);

    // A console, connected with socket.io's default reconnection (as the shipped client).
    const op = await createTestUser('operator', null, scratch.db);
    const cookie = await loginAs(base, op.username, op.password);
    const socket = io(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnectionDelay: 60_000 });
    await new Promise((r) => socket.once('session:ready', r));
    const dropped = new Promise<{ reason: string; active: boolean }>((r) => socket.once('disconnect', (reason) => r({ reason, active: socket.active })));

    // 20 requests in flight: 14 voice webhooks and 6 logins, each still sending its body when SIGTERM arrives.
    const calls = Array.from({ length: 14 }, () => voiceWebhook(base));
    const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser('operator', null, scratch.db)));
    const logins = users.map((u) =>
      heldRequest(base, '/api/auth/login', JSON.stringify({ username: u.username, password: u.password }), { 'content-type': 'application/json' }),
    );
    const all = [...calls, ...logins];
    await Promise.all(all.map((r) => r.ready));
    await new Promise((r) => setTimeout(r, 300)); // the server has parsed their headers
    const signalled = Date.now();
    server.child.kill('SIGTERM');

    // /readyz turns 503 at once (before the listener closes, SHUTDOWN_READY_DELAY_MS later).
    let ready: number | string = 200;
    for (let i = 0; i < 20 && ready === 200; i++) {
      ready = await probe(`${base}/readyz`);
      if (ready === 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(ready, '/readyz while draining (before the listener closes)').to.equal(503);

    // Past the readiness delay the listener is closed (new connections refused) while the requests still run.
    let late: number | string = 503;
    for (let i = 0; i < 100 && late !== 'ECONNREFUSED'; i++) {
      late = await probe(`${base}/healthz`);
      if (late !== 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 50));
    }
    expect(late).to.equal('ECONNREFUSED');
    expect(Date.now() - signalled).to.be.at.least(400);
    const drop = await dropped;
    expect(drop, 'the socket is dropped at the transport, so the client reconnects by itself').to.deep.equal({ reason: 'transport close', active: true });
    socket.disconnect();

    for (const r of all) r.finish();
    const outcomes = await Promise.all(all.map((r) => r.result));
    expect(outcomes.filter((o) => 'error' in o), 'requests reset').to.deep.equal([]);
    expect(outcomes.map((o) => ('status' in o ? o.status : 0))).to.deep.equal(all.map(() => 200));
    const stored = await scratch.db.selectFrom('contacts').select('twilio_sid').where('twilio_sid', 'in', calls.map((x) => x.callSid)).execute();
    expect(stored).to.have.length(calls.length);

    expect(await server.exited, server.output()).to.equal(0);
    expect(Date.now() - signalled).to.be.below(10_000);
  });
});
