import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import type { ContactChange } from '../../shared/index.js';
import { incomingCall, PUBLIC_URL } from '../support/contacts.js';
import { appBackend, parseHaproxyConfig, stickyCookie } from '../support/haproxy-config.js';
import { createTestUser, startTestApp, type TestApp } from '../support/http.js';
import { once, type ClientSocket } from '../support/socket.js';
import { haproxyBinary, startHaproxy } from '../support/haproxy-process.js';
import { startLoadBalancer, type LoadBalancer } from '../support/sticky-proxy.js';
import { testEnv } from '../support/test-env.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

type Transport = 'polling-only' | 'default';

/** A console as a browser behind the balancer has it: logged in through it (keeping every cookie it set), then its socket. */
interface Console {
  kind: Transport;
  userId: number;
  socket: ClientSocket;
  seen: Map<number, ContactChange['kind'][]>;
}

async function loginThrough(lbUrl: string, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${lbUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, 'login through the balancer').to.equal(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
}

function socketThrough(lbUrl: string, cookie: string, kind: Transport): ClientSocket {
  return connect(lbUrl, {
    ...(kind === 'polling-only' && { transports: ['polling'] }),
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
  });
}

/** The app whose Socket.IO holds this user's socket, and the transport it runs on there. */
function whereIs(apps: TestApp[], userId: number) {
  for (const [i, app] of apps.entries())
    for (const s of app.io.of('/').sockets.values()) if (s.data.user?.id === userId) return { node: i, transport: s.conn.transport.name };
  return null;
}

const cookieName = stickyCookie(appBackend(parseHaproxyConfig()))!.name;
const config = { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, TRUST_PROXY: '1' }; // as docker-compose.yml sets it
const haproxy = haproxyBinary();

type Balancer = { url: string; served?: LoadBalancer['served']; close(): Promise<void> };

describe('two app servers behind the shipped load balancer (sticky sessions)', () => {
  behind('a sticky proxy doing what deploy/haproxy.cfg does', (urls) => startLoadBalancer(urls, { cookie: cookieName }), true);
  if (haproxy) behind('HAProxy running deploy/haproxy.cfg', (urls) => startHaproxy(haproxy, urls), false);
  else behind('HAProxy running deploy/haproxy.cfg (skipped: no haproxy here; apt-get install haproxy, or set HAPROXY_BIN)', null, false);
});

/** The scenarios through one balancer; `start: null` when it is missing on this machine (skipped, saying so). */
function behind(name: string, start: ((urls: string[]) => Promise<Balancer>) | null, withRoundRobin: boolean) {
  describe(name, () => {
    let apps: TestApp[];
    let lb: Balancer;
    const sockets: ClientSocket[] = [];

    before(async function () {
      if (!start) return this.skip();
      apps = [await startTestApp({ config }), await startTestApp({ config })];
      lb = await start(apps.map((a) => a.baseUrl));
    });
    afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
    after(async () => {
      // Let both nodes see their consoles leave and broadcast presence, before one of them stops answering the other.
      if (apps) await until(async () => apps.every((a) => a.io.of('/').sockets.size === 0), 5000).then(() => new Promise((r) => setTimeout(r, 500)));
      await lb?.close();
      await Promise.all((apps ?? []).map((a) => a.close()));
    });

    async function openConsole(kind: Transport, via: Balancer = lb): Promise<Console> {
      const u = await createTestUser('operator');
      const cookie = await loginThrough(via.url, u.username, u.password);
      const socket = socketThrough(via.url, cookie, kind);
      sockets.push(socket);
      const seen = new Map<number, ContactChange['kind'][]>();
      socket.on('contacts:changed', (changes) => changes.forEach((c) => seen.set(c.contact.id, [...(seen.get(c.contact.id) ?? []), c.kind])));
      await once(socket, 'session:ready');
      return { kind, userId: u.id, socket, seen };
    }

    it('gives polling-only and default consoles sessions on both nodes, and every queue event reaches all of them', async () => {
      const consoles: Console[] = [];
      for (const kind of ['polling-only', 'polling-only', 'default', 'default'] as const) consoles.push(await openConsole(kind));
      // A default console upgrades to WebSocket on the node its polling session began on.
      await until(async () => consoles.every((c) => c.kind === 'polling-only' || whereIs(apps, c.userId)?.transport === 'websocket'), 5000);
      const placed = consoles.map((c) => ({ kind: c.kind, ...whereIs(apps, c.userId)! }));
      for (const node of [0, 1])
        for (const kind of ['polling-only', 'default'] as const)
          expect(placed.filter((p) => p.node === node && p.kind === kind), `${kind} console on node ${node}`).to.have.length.at.least(1);
      expect(placed.filter((p) => p.kind === 'polling-only').map((p) => p.transport)).to.deep.equal(['polling', 'polling']);

      // New contacts through the balancer: Twilio's webhooks carry no cookie, so they alternate between the nodes.
      const calls: Awaited<ReturnType<typeof incomingCall>>[] = [];
      for (let i = 0; i < 6; i++) calls.push(await incomingCall(lb.url));
      if (lb.served) {
        const webhookNodes = new Set(lb.served.filter((s) => s.path === '/webhooks/twilio/voice').map((s) => s.backend));
        expect([...webhookNodes].sort()).to.deep.equal([0, 1]);
      }
      // A claim on a polling console (an event the node answers over long-polling, and broadcasts to both).
      const claimer = consoles[0]!;
      const claim = await claimer.socket.timeout(5000).emitWithAck('contact:claim', { contactId: calls[0]!.id });
      expect(claim).to.have.property('data');

      await until(async () => consoles.every((c) => calls.every((call) => c.seen.get(call.id)?.includes('created'))), 10_000).catch(() => {
        const missing = consoles.map((c) => `${c.kind}: ${calls.filter((call) => !c.seen.get(call.id)?.includes('created')).length} missing`);
        throw new Error(`not every console saw every new contact (${missing.join(', ')})`);
      });
      await until(async () => consoles.every((c) => c.seen.get(calls[0]!.id)?.includes('updated')), 10_000);
      // Still the same sessions: no console lost its session and reconnected along the way.
      expect(consoles.map((c) => c.socket.connected)).to.deep.equal([true, true, true, true]);
      expect(consoles.map((c) => whereIs(apps, c.userId)?.node)).to.deep.equal(placed.map((p) => p.node));
    });

    it('audits and throttles logins by the address the balancer saw, not one the client claims', async () => {
      const u = await createTestUser('operator');
      await loginThrough(lb.url, u.username, u.password, { 'x-forwarded-for': '203.0.113.9' });
      const row = await testEnv().db.selectFrom('sessions').select('ip').where('user_id', '=', u.id).executeTakeFirstOrThrow();
      expect(String(row.ip)).to.equal('127.0.0.1');
    });

    if (withRoundRobin) it('without stickiness a polling-only console gets no session (why the balancer needs it)', async () => {
      const roundRobin = await startLoadBalancer(apps.map((a) => a.baseUrl), { cookie: null });
      try {
        const u = await createTestUser('operator');
        const cookie = await loginThrough(roundRobin.url, u.username, u.password);
        const socket = socketThrough(roundRobin.url, cookie, 'polling-only');
        sockets.push(socket);
        const outcome = await Promise.race([
          once(socket, 'session:ready', 5000).then(() => 'session', () => 'nothing'),
          once(socket, 'connect_error', 5000).then(() => 'refused', () => 'nothing'),
        ]);
        expect(outcome).to.equal('refused');
        expect(whereIs(apps, u.id)).to.equal(null);
      } finally {
        await roundRobin.close();
      }
    });
  });
}
