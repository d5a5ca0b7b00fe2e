import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { incomingCall, traffickingWrapUp } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, referralsOf, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { once, readySocket, type ClientSocket } from '../support/socket.js';

/** Issue 15, findings 3–5: one disclosure decision on every read path (server/domain/disclosure/disclosure.ts). */
describe('disclosure: one decision for lists, details, grants and live events', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let viXuyen: { id: number };
  let dept: { id: number };
  const sockets: ClientSocket[] = [];
  before(async () => {
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    dept = await agencyByCode('tuyen-quang-health', scratch.db);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  const user = async (role: 'operator' | 'supervisor') => {
    const u = await createTestUser(role, null, scratch.db);
    return { ...u, cookie: await sessionCookie(app, u.id) };
  };
  const socketOf = async (cookie: string) => {
    const s = await readySocket(app.baseUrl, cookie);
    sockets.push(s);
    return s;
  };
  const detail = async (id: number, cookie: string) => (await api(app.baseUrl, 'GET', `/api/referrals/${id}`, { cookie })).body.referral;

  it("shows an operator a case's identity only while a supervisor's grant runs, never for having an account (finding 5)", async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    const other = await user('operator');
    const sup = await user('supervisor');

    const withheld = await detail(id!, other.cookie);
    expect(withheld).to.include({ disclosure: null, disclosureWithheld: 'not_handling' });
    expect(JSON.stringify(withheld)).not.to.match(/Campuchia|\+849/);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${contactId}`, { cookie: other.cookie })).status).to.equal(403);
    expect((await detail(id!, sup.cookie)).disclosure.narrative).to.include('Campuchia');

    const grants = `/api/supervisor/contacts/${contactId}/grants`;
    expect((await api(app.baseUrl, 'POST', grants, { cookie: sup.cookie, body: { userId: sup.id } })).body.error.fields).to.have.property('userId');
    expect((await api(app.baseUrl, 'POST', '/api/supervisor/contacts/999999999/grants', { cookie: sup.cookie, body: { userId: other.id } })).status).to.equal(404);
    expect((await api(app.baseUrl, 'POST', grants, { cookie: other.cookie, body: { userId: other.id } })).status).to.equal(403);
    const granted = await api(app.baseUrl, 'POST', grants, { cookie: sup.cookie, body: { userId: other.id, hours: 2 } });
    expect(granted.status).to.equal(201);
    expect(new Date(granted.body.grant.expiresAt).getTime()).to.be.closeTo(Date.now() + 2 * 3600_000, 60_000);
    expect((await detail(id!, other.cookie)).disclosure.narrative).to.include('Campuchia');
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${contactId}`, { cookie: other.cookie })).body.contact.wrapUp.narrative).to.include('Campuchia');
    const audit = await scratch.db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'disclosure.grant').where('entity_id', '=', String(contactId)).execute();
    expect(audit).to.have.length(1);
    expect(audit[0]).to.deep.include({ actor_user_id: sup.id });

    // Expired, then revoked: withheld again.
    await scratch.db.updateTable('disclosure_grants').set({ granted_at: new Date(Date.now() - 7200_000), expires_at: new Date(Date.now() - 1000) }).where('contact_id', '=', contactId).execute();
    expect((await detail(id!, other.cookie)).disclosureWithheld).to.equal('not_handling');
    await api(app.baseUrl, 'POST', grants, { cookie: sup.cookie, body: { userId: other.id } });
    expect((await detail(id!, other.cookie)).disclosure).to.not.equal(null);
    expect((await api(app.baseUrl, 'DELETE', `${grants}/${other.id}`, { cookie: sup.cookie })).status).to.equal(204);
    expect((await detail(id!, other.cookie)).disclosureWithheld).to.equal('not_handling');
    expect((await api(app.baseUrl, 'DELETE', `${grants}/${other.id}`, { cookie: sup.cookie })).status).to.equal(404);
  });

  it('keeps the repeat-caller history of the contact an operator handles, without opening the earlier case', async () => {
    const from = `+8491${Math.floor(1e7 + Math.random() * 9e7)}`;
    const a = await user('operator');
    const first = await incomingCall(app.baseUrl, from, scratch.db);
    await api(app.baseUrl, 'POST', `/api/contacts/${first.id}/claim`, { cookie: a.cookie });
    await api(app.baseUrl, 'POST', `/api/contacts/${first.id}/wrap-up`, { cookie: a.cookie, body: traffickingWrapUp(IN_VI_XUYEN) });
    const [earlierReferral] = await route(app, first.id);

    const b = await user('operator');
    const second = await incomingCall(app.baseUrl, from, scratch.db);
    const claimed = await api(app.baseUrl, 'POST', `/api/contacts/${second.id}/claim`, { cookie: b.cookie });
    expect(claimed.body.contact.callerPhone).to.equal(from); // handling it: the whole record
    expect(claimed.body.contact.earlierContacts.map((c: any) => c.id)).to.include(first.id);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${first.id}`, { cookie: b.cookie })).status).to.equal(403);
    expect((await detail(earlierReferral!, b.cookie)).disclosureWithheld).to.equal('not_handling');
  });

  it('keeps a pause reason behind the consent gate in the list, the detail and the live event (finding 3)', async () => {
    const [id] = await route(app, await classifiedCase(app, { ...IN_VI_XUYEN, consent: 'none' }));
    const vx = await officerOf(app, viXuyen.id);
    const sup = await user('supervisor');
    const inbox = await socketOf(vx.cookie);
    const board = await socketOf(sup.cookie);
    const secret = 'chờ chị Nông Thị Lan (0912333444) an toàn';
    const heard = [once<any>(inbox, 'referral:updated'), once<any>(board, 'referral:updated')];
    const paused = await api(app.baseUrl, 'POST', `/api/referrals/${id}/clocks/acknowledge/pause`, { cookie: sup.cookie, body: { reason: secret } });
    expect(paused.status).to.equal(200);
    expect(paused.body.referral.clocks.find((c: any) => c.kind === 'acknowledge')).to.include({ state: 'paused', pauseReason: secret });

    const leaks = /Nông Thị Lan|0912333444/;
    for (const event of await Promise.all(heard)) {
      expect(event.id).to.equal(id);
      expect(JSON.stringify(event)).not.to.match(leaks); // live events pass through Redis: no free text for anyone
    }
    const list = await api(app.baseUrl, 'GET', '/api/referrals', { cookie: vx.cookie });
    const listed = list.body.referrals.find((r: any) => r.id === id);
    expect(listed.clocks.find((c: any) => c.kind === 'acknowledge')).to.include({ state: 'paused', pauseReason: null });
    expect(JSON.stringify(list.body)).not.to.match(leaks);
    const own = await detail(id!, vx.cookie);
    expect(own.disclosureWithheld).to.equal('no_consent');
    expect(JSON.stringify(own)).not.to.match(leaks);
    const supList = await api(app.baseUrl, 'GET', '/api/referrals', { cookie: sup.cookie });
    expect(supList.body.referrals.find((r: any) => r.id === id).clocks.find((c: any) => c.kind === 'acknowledge').pauseReason).to.equal(secret);
    const supDetail = await detail(id!, sup.cookie);
    expect(supDetail.timeline.find((e: any) => e.type === 'clock_paused').details.reason).to.equal(secret);
    const supBoard = await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: sup.cookie });
    expect(supBoard.body.board.referrals.find((r: any) => r.id === id).clocks.find((c: any) => c.kind === 'acknowledge').pauseReason).to.equal(secret);

    // The officer's own words stay readable to its agency: its decline reason, on a case without consent.
    await api(app.baseUrl, 'POST', `/api/referrals/${id}/clocks/acknowledge/resume`, { cookie: sup.cookie, body: {} });
    const declined = await api(app.baseUrl, 'POST', `/api/referrals/${id}/decline`, { cookie: vx.cookie, body: { reason: 'Không thuộc địa bàn xã' } });
    expect(declined.body.referral.declineReason).to.equal('Không thuộc địa bàn xã');
    const other = await user('operator');
    expect((await detail(id!, other.cookie)).declineReason).to.equal(null);
  });

  it('tells an agency only of referrals it may read: the re-routed case reaches the next agency, not the one that declined (finding 4)', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [first] = await route(app, contactId);
    const vx = await officerOf(app, viXuyen.id);
    const next = await officerOf(app, dept.id);
    const vxSocket = await socketOf(vx.cookie);
    const deptSocket = await socketOf(next.cookie);
    const vxHeard: any[] = [];
    vxSocket.on('referral:created', (r) => vxHeard.push(r));
    vxSocket.on('referral:updated', (r) => vxHeard.push(r));
    const arrived = once<any>(deptSocket, 'referral:created');

    const res: any = await vxSocket.timeout(3000).emitWithAck('referral:decline', { referralId: first!, reason: 'Nạn nhân không cư trú tại xã' });
    expect(res.data).to.include({ id: first, status: 'declined' });
    const rerouted = (await referralsOf(app, contactId))[1]!;
    expect(rerouted).to.include({ agency_id: dept.id, status: 'pending' });
    expect((await arrived).id).to.equal(rerouted.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(vxHeard.map((r) => r.id)).to.deep.equal([first]);
    expect(vxHeard.every((r) => r.agency.id === viXuyen.id)).to.equal(true);
    expect((await api(app.baseUrl, 'GET', `/api/referrals/${rerouted.id}`, { cookie: vx.cookie })).status).to.equal(404);
  });
});
