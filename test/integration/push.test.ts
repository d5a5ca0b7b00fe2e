import { expect } from 'chai';
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pushSubscriptionBody } from '../../shared/index.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { runPushJob, type PushJob } from '../../server/domain/push/push-jobs.js';
import { vapidKeys } from '../../server/domain/push/vapid-keys.js';
import { agencyByCode, ensureDemoData } from '../support/demo-data.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { TEST_TWILIO } from '../support/twilio.js';

/** A browser's side of a push subscription: its P-256 key pair and auth secret (RFC 8291). */
function device(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, body: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } } };
}

/** Decrypts an aes128gcm Web Push body (RFC 8188 + RFC 8291) with the device's private key, as a browser would. */
function decryptPush(d: ReturnType<typeof device>, body: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLen = body[20]!;
  const serverKey = body.subarray(21, 21 + idLen);
  const cipher = body.subarray(21 + idLen);
  const shared = d.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), d.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, d.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end > 0 && plain[end] === 0) end--;
  expect(plain[end], 'last record delimiter').to.equal(2);
  return plain.subarray(0, end).toString('utf8');
}

interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local push service: records every request; answers 201, or 410 for a device that is gone. */
async function pushService(gone: string[]) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(gone.includes(req.url!) ? 410 : 201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((r) => server.close(r)) };
}

describe('push: officers opt devices in; a new referral wakes them with a reference and a deadline only', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let service: Awaited<ReturnType<typeof pushService>>;
  let viXuyen: { id: number; name: string };
  before(async () => {
    scratch = await scratchDatabase();
    await ensureDefaultRules(scratch.db);
    await ensureDemoData(scratch.db);
    service = await pushService(['/gone']);
    app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, PUSH_ALLOW_HTTP: 'true' }, db: scratch.db });
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
  });
  after(async () => {
    await app?.close();
    await service?.close();
    await scratch?.drop();
  });

  it('generates the development VAPID keys once and keeps them', async () => {
    const first = await vapidKeys(app.ctx);
    const row = await scratch.db.selectFrom('app_settings').select('value').where('key', '=', 'vapid_keys').executeTakeFirstOrThrow();
    expect(JSON.stringify(row.value)).not.to.include(first!.privateKey); // stored encrypted
    const again = await vapidKeys({ ...app.ctx, db: scratch.db });
    expect(again).to.deep.equal(first);
    const officer = await officerOf(app, viXuyen.id);
    const key = await api(app.baseUrl, 'GET', '/api/push/key', { cookie: officer.cookie });
    expect(key.body.publicKey).to.equal(first!.publicKey);
  });

  it('accepts https endpoints only (http only where the test configuration allows it), names bad fields, officers only', async () => {
    const https = pushSubscriptionBody(false);
    expect(https.safeParse(device('https://fcm.googleapis.com/fcm/send/abc').body).success).to.equal(true);
    const http = https.safeParse(device('http://push.example/abc').body);
    expect(http.success).to.equal(false);
    expect(http.error!.issues[0]!.path).to.deep.equal(['endpoint']);

    const officer = await officerOf(app, viXuyen.id);
    const bad = await api(app.baseUrl, 'POST', '/api/push/subscriptions', { cookie: officer.cookie, body: { endpoint: `${service.url}/x`, keys: { p256dh: 'short', auth: 'x' } } });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include('keys.p256dh');
    const op = await createTestUser('operator', null, scratch.db);
    const opCookie = await loginAs(app.baseUrl, op.username, op.password);
    const refused = await api(app.baseUrl, 'POST', '/api/push/subscriptions', { cookie: opCookie, body: device(`${service.url}/op`).body });
    expect(refused.status).to.equal(403);
  });

  it('stores one subscription per device, pushes a new referral encrypted, with no personal data, and forgets a device gone (410)', async () => {
    const officer = await officerOf(app, viXuyen.id);
    const phone = device(`${service.url}/phone`);
    const tablet = device(`${service.url}/gone`);
    for (const d of [phone, tablet, phone]) {
      const r = await api(app.baseUrl, 'POST', '/api/push/subscriptions', { cookie: officer.cookie, body: d.body });
      expect(r.status).to.equal(201);
    }
    const rows = await scratch.db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', officer.id).orderBy('id').execute();
    expect(rows.map((r) => r.endpoint)).to.deep.equal([phone.body.endpoint, tablet.body.endpoint]);

    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [referralId] = await route(app, contactId);
    // The routing worker's side left a push job on the notify queue: ids only.
    const job = await app.ctx.queues.notify.getJob(`push-new-acknowledge-${referralId}-${viXuyen.id}`);
    expect(job, 'push job').to.exist;
    expect(job!.data).to.deep.equal({ referralId, agencyId: viXuyen.id, clock: 'acknowledge', reason: 'new' });
    await job!.remove();

    const counts = await runPushJob(app.ctx, job!.data as unknown as PushJob);
    expect(counts).to.deep.equal({ sent: 1, gone: 1, failed: 0 });
    const toPhone = service.requests.find((r) => r.path === '/phone')!;
    expect(toPhone.headers['content-encoding']).to.equal('aes128gcm');
    expect(toPhone.headers.authorization).to.match(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(toPhone.headers.ttl).to.equal('3600');
    expect(toPhone.body.toString('latin1')).not.to.include('LH-'); // encrypted on the wire

    const payload = JSON.parse(decryptPush(phone, toPhone.body));
    const due = await scratch.db.selectFrom('sla_clocks').select('due_at').where('referral_id', '=', referralId!).where('kind', '=', 'acknowledge').executeTakeFirstOrThrow();
    expect(payload).to.deep.equal({ ref: `LH-${String(contactId).padStart(6, '0')}`, deadline: due.due_at.toISOString() });

    const left = await scratch.db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', officer.id).execute();
    expect(left.map((r) => r.endpoint), 'the 410 device is forgotten').to.deep.equal([phone.body.endpoint]);
    expect(left[0]!.last_success_at).to.be.instanceOf(Date);

    // Opting out removes only this officer's device.
    const other = await officerOf(app, viXuyen.id);
    await api(app.baseUrl, 'DELETE', '/api/push/subscriptions', { cookie: other.cookie, body: { endpoint: phone.body.endpoint } });
    expect(await scratch.db.selectFrom('push_subscriptions').select('id').where('endpoint', '=', phone.body.endpoint).execute()).to.have.length(1);
    const del = await api(app.baseUrl, 'DELETE', '/api/push/subscriptions', { cookie: officer.cookie, body: { endpoint: phone.body.endpoint } });
    expect(del.status).to.equal(204);
    expect(await scratch.db.selectFrom('push_subscriptions').select('id').where('user_id', '=', officer.id).execute()).to.have.length(0);
  });

  it('enqueues no push for an agency whose officers have no device subscribed (the SMS alert and live event still go)', async () => {
    // The first test's officer opted out and its other device was gone (410): none is left.
    expect(await scratch.db.selectFrom('push_subscriptions').select('id').execute()).to.deep.equal([]);
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [referralId] = await route(app, contactId);
    expect(await app.ctx.queues.notify.getJob(`push-new-acknowledge-${referralId}-${viXuyen.id}`), 'push job').to.equal(undefined);
    const alerts = await scratch.db.selectFrom('notifications').select('id').where('referral_id', '=', referralId!).execute();
    expect(alerts.length, 'SMS alerts to the focal points').to.be.greaterThan(0);
  });
});
