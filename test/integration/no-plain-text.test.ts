import { startDemoApp } from '../support/demo-app.js';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createSmsSender } from '../../server/domain/notifications/sms-sender.js';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';
import { incomingCall, PUBLIC_URL, traffickingWrapUp } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { captureLogs, scanLines, scanPostgres, scanRedis } from '../support/plaintext-scan.js';
import { IN_VI_XUYEN } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { readySocket, type ClientSocket } from '../support/socket.js';
import { engineOf } from '../support/sla.js';
import { testEnv } from '../support/test-env.js';
import { FakeTwilioHttp, newSid, signedTwilioPost } from '../support/twilio.js';
import { until } from '../support/until.js';

/**
 * Issue 15: after a whole case (intake, triage, referral, decline, re-route, assignment, pause, resume, support,
 * escalation, close, an SMS conversation, a walk-in) with a marker in every free-text field, the marker is in no
 * column of PostgreSQL, no key of Redis (the Socket.IO stream included) and no log line; nor are the callers' numbers.
 */
describe('no personal data in plain text: PostgreSQL, Redis and the logs after a full story', function () {
  this.timeout(120_000);
  const M = `zq${randomBytes(4).toString('hex')}`; // a marker no other test writes
  const CALLER = `+8491${Math.floor(1e7 + Math.random() * 9e7)}`;
  const TEXTER = `+8496${Math.floor(1e7 + Math.random() * 9e7)}`;
  const national = (n: string) => n.slice(3); // "91xxxxxxx": what a leak of the number would contain
  let app: TestApp;
  let workers: RunningWorkers;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const capture = captureLogs();
  const sockets: ClientSocket[] = [];

  before(async () => {
    ({ scratch, app } = await startDemoApp({}, { log: capture.log }));
    workers = await startWorkers(app.ctx, { sender: createSmsSender(app.ctx.config, { httpClient: new FakeTwilioHttp() }) });
  });
  after(async () => {
    sockets.forEach((s) => s.disconnect());
    await workers?.close();
    await app?.close();
    await scratch?.drop();
  });

  const user = async (role: 'operator' | 'supervisor' | 'agency_officer', agencyId: number | null = null) => {
    const u = await createTestUser(role, agencyId, scratch.db);
    const cookie = await sessionCookie(app, u.id);
    const socket = await readySocket(app.baseUrl, cookie);
    sockets.push(socket);
    return { ...u, cookie, socket };
  };
  const ok = async (method: string, path: string, cookie: string, body?: unknown) => {
    const r = await api(app.baseUrl, method, path, { cookie, body });
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const ack = async (socket: ClientSocket, event: string, payload: unknown) => {
    const r: any = await (socket.timeout(5000) as any).emitWithAck(event, payload);
    if (r.error) throw new Error(`${event}: ${JSON.stringify(r.error)}`);
    return r.data;
  };
  const referralsOf = (contactId: number) => scratch.db.selectFrom('referrals').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
  const sms = async (from: string, body: string) => {
    const sid = newSid('SM');
    const r = await signedTwilioPost(app.baseUrl, '/webhooks/twilio/messaging', { MessageSid: sid, From: from, Body: body }, { publicBaseUrl: PUBLIC_URL });
    expect(r.status).to.equal(200);
    return (await until(() => scratch.db.selectFrom('contact_messages').select('contact_id').where('twilio_sid', '=', sid).executeTakeFirst())).contact_id;
  };

  async function caseStory() {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const dept = await agencyByCode('tuyen-quang-health', scratch.db);
    const [op, sup, vx, dp] = await Promise.all([user('operator'), user('supervisor'), user('agency_officer', viXuyen.id), user('agency_officer', dept.id)]);

    // Intake and triage, over the operator's socket as the console does it.
    const call = await incomingCall(app.baseUrl, CALLER, scratch.db);
    await ack(op.socket, 'contact:claim', { contactId: call.id });
    await ack(op.socket, 'draft:save', { contactId: call.id, version: 0, draft: { narrative: `${M}-draft em Lan ${CALLER}` } });
    await ack(op.socket, 'contact:wrap-up', {
      contactId: call.id,
      wrapUp: traffickingWrapUp({
        ...IN_VI_XUYEN, narrative: `${M}-narrative chị Nông Thị Lan ${CALLER}`, wishesNote: `${M}-wishes`, consent: 'victim',
        victims: [{ name: `${M}victim Nông Thị Lan`, sex: 'female', age: 16 }],
      }),
    });
    // A search by the victim's name and the caller's number: neither term is stored (the audit names the filters).
    const found = await ok('GET', `/api/search?${new URLSearchParams({ name: `${M}victim lan`, phone: CALLER })}`, sup.cookie);
    expect(found.results.map((r: { contactId: number }) => r.contactId)).to.deep.equal([call.id]);
    // The routing worker makes the referral; the commune declines (socket), the department too (REST).
    const first = await until(async () => (await referralsOf(call.id))[0]);
    await ack(vx.socket, 'referral:decline', { referralId: first.id, reason: `${M}-decline-socket` });
    const second = await until(async () => (await referralsOf(call.id)).find((r) => r.agency_id === dept.id));
    await ok('POST', `/api/referrals/${second.id}/decline`, dp.cookie, { reason: `${M}-decline-rest` });
    const queued = await until(async () => (await referralsOf(call.id)).find((r) => r.status === 'needs_supervisor'));
    await ok('POST', `/api/referrals/${queued.id}/assign`, sup.cookie, { agencyId: viXuyen.id, note: `${M}-assign` });
    await ok('POST', `/api/referrals/${queued.id}/accept`, vx.cookie);
    await ok('POST', `/api/referrals/${queued.id}/clocks/first_action/pause`, sup.cookie, { reason: `${M}-pause` });
    await ok('POST', `/api/referrals/${queued.id}/clocks/first_action/resume`, vx.cookie, { note: `${M}-resume` });
    await ok('POST', `/api/referrals/${queued.id}/support`, vx.cookie, { regime: 'g', givenOn: '2026-01-05', note: `${M}-support` });

    // A missed deadline: the parent department is alerted, then the supervisor; both record what they did.
    await scratch.db.updateTable('sla_clocks').set({ due_at: new Date(Date.now() - 1000), warn_at: null, next_at: new Date(Date.now() - 1000), supervisor_after_percent: 0 })
      .where('referral_id', '=', queued.id).where('kind', '=', 'close').execute();
    await engineOf(app).processDue();
    const escalations = await until(async () => {
      const rows = await scratch.db.selectFrom('sla_escalations').select(['id', 'level', 'resolved_at']).where('referral_id', '=', queued.id).execute();
      return rows.some((e) => e.level === 2) && rows;
    });
    for (const e of escalations.filter((x) => !x.resolved_at)) {
      if (e.level === 1) await ok('POST', `/api/agencies/mine/escalations/${e.id}/resolve`, dp.cookie, { note: `${M}-followup` });
      else await ok('POST', `/api/supervisor/escalations/${e.id}/resolve`, sup.cookie, { note: `${M}-resolution` });
    }
    await ok('POST', `/api/referrals/${queued.id}/close`, vx.cookie, { outcome: 'not_successful', reason: `${M}-close` });
    // Every read path, so whatever they log or cache is in the scan too.
    for (const who of [op, sup, vx]) await ok('GET', `/api/referrals/${queued.id}`, who.cookie);
    await ok('GET', '/api/supervisor/board', sup.cookie);
    return op;
  }

  async function conversationStory(op: Awaited<ReturnType<typeof user>>) {
    const contactId = await sms(TEXTER, `${M}-sms-in em bị giữ ở Campuchia`);
    await ok('POST', `/api/contacts/${contactId}/claim`, op.cookie);
    const sent = await ack(op.socket, 'message:send', { contactId, body: `${M}-reply em đang ở đâu?` });
    await until(async () => (await scratch.db.selectFrom('notifications').select(['status', 'provider_sid']).where('contact_message_id', '=', sent.id).executeTakeFirst())?.provider_sid);
    const n = await scratch.db.selectFrom('notifications').select('provider_sid').where('contact_message_id', '=', sent.id).executeTakeFirstOrThrow();
    await signedTwilioPost(app.baseUrl, '/webhooks/twilio/messaging/status', { MessageSid: n.provider_sid!, MessageStatus: 'delivered' }, { publicBaseUrl: PUBLIC_URL });
    await sms(TEXTER, `${M}-sms-in2 em ở Bavet`);
    await ack(op.socket, 'contact:wrap-up', { contactId, wrapUp: traffickingWrapUp({ narrative: `${M}-sms-narrative`, consent: 'none' }) });
    const walkIn = await ok('POST', '/api/contacts', op.cookie, { channel: 'walk_in', callerHandle: `${M}-handle`, summary: `${M}-summary` });
    expect(walkIn.contact.id).to.be.a('number');
  }

  it('the scan finds text left in clear (a planted marker in a column, a key and a log line)', async () => {
    const planted = `zqplant${randomBytes(3).toString('hex')}`;
    const agency = await agencyByCode('tuyen-quang-health', scratch.db);
    const phones = (await scratch.db.selectFrom('agencies').select('focal_phones').where('id', '=', agency.id).executeTakeFirstOrThrow()).focal_phones;
    await scratch.db.updateTable('agencies').set({ focal_phones: [...phones, planted] }).where('id', '=', agency.id).execute();
    const key = `${testEnv().config.REDIS_PREFIX}:plant`;
    await testEnv().redis.xadd(key, '*', 'data', JSON.stringify({ body: planted }));
    try {
      expect((await scanPostgres(scratch.db, [planted])).map((h) => h.where)).to.deep.equal(['agencies.focal_phones']);
      expect((await scanRedis(testEnv().redis, testEnv().config.REDIS_PREFIX, [planted])).hits.map((h) => h.where)).to.deep.equal([`redis ${key}`]);
      expect(scanLines([`INFO sent ${planted}`], [planted])).to.have.length(1);
    } finally {
      await scratch.db.updateTable('agencies').set({ focal_phones: phones }).where('id', '=', agency.id).execute();
      await testEnv().redis.unlink(key);
    }
  });

  it('finds no marker and no caller number in plain text', async () => {
    const restoreConsole = capture.consoleToo();
    try {
      const op = await caseStory();
      await conversationStory(op);
      await new Promise((r) => setTimeout(r, 500)); // the last live events reach the stream
    } finally {
      restoreConsole();
    }
    const needles = [M, national(CALLER), national(TEXTER)];
    // The story really stored the text (encrypted): the scan would see it were it plain.
    expect(await scratch.db.selectFrom('contact_messages').select('id').execute()).to.have.length.greaterThan(2);
    const pg = await scanPostgres(scratch.db, needles);
    const redis = await scanRedis(testEnv().redis, testEnv().config.REDIS_PREFIX, needles);
    expect(redis.keys).to.be.greaterThan(5);
    const logs = scanLines(capture.lines, needles);
    expect([...pg, ...redis.hits, ...logs]).to.deep.equal([]);
  });
});
