import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { deliverNotification } from '../../server/domain/notifications/deliver.js';
import { createSmsSender } from '../../server/domain/notifications/sms-sender.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { once, readySocket, type ClientSocket } from '../support/socket.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

/** Every event a socket hears, with its payload. */
function recorder(s: ClientSocket) {
  const heard: { event: string; args: unknown[] }[] = [];
  s.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
  return heard;
}

describe("supervisor board: outbound messages live to supervisors only, the referral list paged with its total", function () {
  this.timeout(60_000);
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  // Twilio is configured, but OUTBOUND_SMS=outbox holds every message: the reason the board must state.
  const config = { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, OUTBOUND_SMS: 'outbox' };
  let supervisorCookie: string;

  before(async () => {
    ({ scratch, app } = await startDemoApp(config));
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisorCookie = await loginAs(app.baseUrl, sup.username, sup.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('tells the supervisors (and nobody else) that outbound messages were queued and then held, with ids only', async () => {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const supervisor = await readySocket(app.baseUrl, supervisorCookie);
    const officer = await officerOf(app, viXuyen.id);
    const agencySocket = await readySocket(app.baseUrl, officer.cookie);
    const op = await createTestUser('operator', null, scratch.db);
    const operatorSocket = await readySocket(app.baseUrl, await loginAs(app.baseUrl, op.username, op.password));
    const heard = { supervisor: recorder(supervisor), agency: recorder(agencySocket), operator: recorder(operatorSocket) };
    try {
      const contactId = await classifiedCase(app, IN_VI_XUYEN);
      const queued = once<{ ids: number[] }>(supervisor, 'notifications:changed', 10_000);
      await route(app, contactId);
      const rows = await scratch.db
        .selectFrom('notifications as n')
        .innerJoin('referrals as r', 'r.id', 'n.referral_id')
        .select(['n.id', 'n.status'])
        .where('r.contact_id', '=', contactId)
        .execute();
      expect(rows.length).to.be.greaterThan(0);
      const ids = rows.map((r) => r.id);
      expect((await queued).ids).to.have.members(ids);

      // The notify worker's delivery (held in the outbox) is announced too.
      const held = once<{ ids: number[] }>(supervisor, 'notifications:changed', 10_000);
      const sender = createSmsSender(app.ctx.config);
      expect(sender.provider).to.equal('outbox');
      expect(await deliverNotification(app.ctx, sender, ids[0]!)).to.equal('outbox');
      expect((await held).ids).to.deep.equal([ids[0]]);

      // Nobody else hears of it; the payload is ids and nothing personal (no number, no text).
      await until(async () => heard.agency.some((h) => h.event === 'referral:created'));
      expect(heard.agency.map((h) => h.event)).not.to.include('notifications:changed');
      expect(heard.operator.map((h) => h.event)).not.to.include('notifications:changed');
      const payloads = heard.supervisor.filter((h) => h.event === 'notifications:changed').map((h) => h.args);
      for (const [payload] of payloads) {
        expect(Object.keys(payload as object)).to.deep.equal(['ids']);
        expect((payload as { ids: unknown[] }).ids.every((x) => Number.isInteger(x))).to.equal(true);
      }
      const wire = JSON.stringify(payloads);
      const phones = (await scratch.db.selectFrom('agencies').select('focal_phones').where('id', '=', viXuyen.id).executeTakeFirstOrThrow()).focal_phones;
      expect(phones.length).to.be.greaterThan(0);
      for (const p of phones) {
        expect(wire).not.to.include(p);
        expect(wire).not.to.include(p.slice(-6));
      }
      expect(wire).not.to.match(/LH-|Tổng đài|••••/);

      // The panel reads the state and the true reason: Twilio is configured, the setting holds messages back.
      const list = await api(app.baseUrl, 'GET', '/api/supervisor/notifications?limit=1', { cookie: supervisorCookie });
      expect(list.status).to.equal(200);
      expect(list.body.outboxReason).to.equal('outbound_sms_outbox');
      expect(list.body.notifications).to.have.length(1);
      expect(list.body.total).to.equal(Number((await scratch.db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
    } finally {
      supervisor.disconnect();
      agencySocket.disconnect();
      operatorSocket.disconnect();
    }
  });

  it('pages the referral list with the real total, pages neither overlapping nor skipping, and refuses bad paging', async () => {
    for (let i = 0; i < 6; i++) await route(app, await classifiedCase(app, IN_VI_XUYEN));
    const all = await scratch.db.selectFrom('referrals').select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    expect(all.length).to.be.greaterThan(6);

    const seen: number[] = [];
    for (let offset = 0; offset < all.length + 3; offset += 3) {
      const r = await api(app.baseUrl, 'GET', `/api/referrals?limit=3&offset=${offset}`, { cookie: supervisorCookie });
      expect(r.status).to.equal(200);
      expect(r.body.total).to.equal(all.length);
      expect(r.body).to.include({ limit: 3, offset });
      expect(r.body.referrals.length).to.equal(Math.max(0, Math.min(3, all.length - offset)));
      seen.push(...r.body.referrals.map((x: { id: number }) => x.id));
    }
    expect(seen).to.deep.equal(all.map((r) => r.id));

    // Filters count what they list.
    const pending = await api(app.baseUrl, 'GET', '/api/referrals?status=pending&priority=trafficking&limit=2', { cookie: supervisorCookie });
    const pendingCount = (await scratch.db.selectFrom('referrals').select('id').where('status', '=', 'pending').where('priority', '=', 'trafficking').execute()).length;
    expect(pending.body.total).to.equal(pendingCount);
    expect(pending.body.referrals.length).to.equal(Math.min(2, pendingCount));

    // An officer's total is the own agency's only.
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const officer = await officerOf(app, viXuyen.id);
    const own = await api(app.baseUrl, 'GET', '/api/referrals?limit=1', { cookie: officer.cookie });
    const ownCount = (await scratch.db.selectFrom('referrals').select('id').where('agency_id', '=', viXuyen.id).execute()).length;
    expect(own.body.total).to.equal(ownCount);
    expect(ownCount).to.be.lessThan(all.length + 1);

    for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['offset=-1', 'offset'], ['priority=soon', 'priority'], ['limit=abc', 'limit']] as const) {
      const bad = await api(app.baseUrl, 'GET', `/api/referrals?${q}`, { cookie: supervisorCookie });
      expect(bad.status, q).to.equal(400);
      expect(JSON.stringify(bad.body), q).to.include(field);
    }
    const badOutbox = await api(app.baseUrl, 'GET', '/api/supervisor/notifications?offset=x', { cookie: supervisorCookie });
    expect(badOutbox.status).to.equal(400);
    expect(JSON.stringify(badOutbox.body)).to.include('offset');
  });
});
