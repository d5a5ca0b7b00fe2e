import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { agencyByCode } from '../support/demo-data.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, referralsOf, route } from '../support/referrals.js';
import { once, readySocket } from '../support/socket.js';

describe('referrals: routing, the agency inbox, decline → re-route → supervisor', () => {
  let app: TestApp;
  let viXuyen: { id: number; name: string };
  let tuyenQuangDept: { id: number; name: string };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const agency = (code: string) => agencyByCode(code, scratch.db);
  // A database of its own with exactly the demo agencies: no other test's agencies can compete for a case.
  before(async () => {
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agency('tuyen-quang-commune-00913');
    tuyenQuangDept = await agency('tuyen-quang-health');
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('routes a case in Xã Vị Xuyên to its commune committee, live to its inbox only, with an SMS alert', async () => {
    const officer = await officerOf(app, viXuyen.id);
    const inbox = await readySocket(app.baseUrl, officer.cookie);
    const op = await createTestUser('operator', null, scratch.db);
    const opSocket = await readySocket(app.baseUrl, await loginAs(app.baseUrl, op.username, op.password));
    const operatorHeard: unknown[] = [];
    opSocket.on('referral:created', (r) => operatorHeard.push(r));
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const arrived = once<any>(inbox, 'referral:created');
    const ids = await route(app, contactId);
    expect(ids).to.have.length(1);
    const event = await arrived;
    expect(event).to.include({ status: 'pending', track: 'primary', priority: 'trafficking' });
    expect(event.agency).to.deep.equal({ id: viXuyen.id, name: viXuyen.name });
    expect(event.why.explanation).to.include('Vị Xuyên');
    // The place with its whole path, unit by unit (today's map: commune and province).
    expect(event.location.parts).to.deep.equal([{ level: 'commune', name: 'Xã Vị Xuyên' }, { level: 'province', name: 'Tuyên Quang' }]);
    expect(JSON.stringify(event)).not.to.match(/Campuchia|callerPhone|narrative/);
    // The event (built by the statement that wrote the referral) says what the inbox reads back over REST.
    const detail = await api(app.baseUrl, 'GET', `/api/referrals/${ids[0]}`, { cookie: officer.cookie });
    expect(detail.status).to.equal(200);
    expect(event.clocks).to.have.length(4);
    for (const key of Object.keys(event)) expect(event[key], key).to.deep.equal(detail.body.referral[key]);
    const alerts = await scratch.db.selectFrom('notifications').selectAll().where('referral_id', '=', ids[0]!).execute();
    expect(alerts.length).to.be.greaterThan(0);
    expect(alerts[0]!.purpose).to.equal('referral_alert');
    await new Promise((r) => setTimeout(r, 200));
    expect(operatorHeard).to.have.length(0);
    inbox.disconnect();
    opSocket.disconnect();
  });

  it('never makes a second referral from a duplicate or concurrent job', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const results = await Promise.allSettled([route(app, contactId), route(app, contactId), route(app, contactId)]);
    expect(results.every((r) => r.status === 'fulfilled')).to.equal(true);
    await route(app, contactId);
    expect(await referralsOf(app, contactId)).to.have.length(1);
  });

  it('sends immediate danger to the police and Border Guard in parallel with the primary referral', async () => {
    const contactId = await classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true });
    await route(app, contactId);
    const rows = await referralsOf(app, contactId);
    const byTrack = Object.fromEntries(rows.map((r) => [r.track, r]));
    expect(Object.keys(byTrack).sort()).to.deep.equal(['border_guard', 'police', 'primary']);
    expect(byTrack.police!.agency_id).to.equal((await agency('tuyen-quang-police')).id);
    expect(byTrack.border_guard!.agency_id).to.equal((await agency('tuyen-quang-border-guard')).id);
    expect(byTrack.police!.priority).to.equal('urgent');
    expect(byTrack.primary!.agency_id).to.equal(viXuyen.id);
  });

  it('declining needs a reason; a decline re-routes; when every target declined, the supervisor gets it and assigns by hand', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [first] = await route(app, contactId);
    const vx = await officerOf(app, viXuyen.id);
    const noReason = await api(app.baseUrl, 'POST', `/api/referrals/${first}/decline`, { cookie: vx.cookie, body: { reason: '' } });
    expect(noReason.status).to.equal(400);
    expect(noReason.body.error.fields).to.have.property('reason');
    expect((await referralsOf(app, contactId))[0]!.status).to.equal('pending');

    const d1 = await api(app.baseUrl, 'POST', `/api/referrals/${first}/decline`, { cookie: vx.cookie, body: { reason: 'Nạn nhân không cư trú tại xã' } });
    expect(d1.status).to.equal(200);
    let rows = await referralsOf(app, contactId);
    expect(rows.map((r) => [r.status, r.agency_id])).to.deep.equal([['declined', viXuyen.id], ['pending', tuyenQuangDept.id]]);

    const dept = await officerOf(app, tuyenQuangDept.id);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${rows[1]!.id}/decline`, { cookie: dept.cookie, body: { reason: 'Quá tải' } })).status).to.equal(200);
    rows = await referralsOf(app, contactId);
    expect(rows[2]).to.include({ status: 'needs_supervisor', agency_id: null });

    const sup = await createTestUser('supervisor', null, scratch.db);
    const supCookie = await loginAs(app.baseUrl, sup.username, sup.password);
    const queue = await api(app.baseUrl, 'GET', '/api/supervisor/referrals/queue', { cookie: supCookie });
    expect(queue.body.referrals.map((r: any) => r.id)).to.include(rows[2]!.id);
    const queued = queue.body.referrals.find((r: any) => r.id === rows[2]!.id);
    expect(queued.why).to.include({ reason: 'declined' });
    // The assign form lists who already had the case on this track.
    const before = (await api(app.baseUrl, 'GET', `/api/referrals/${rows[2]!.id}`, { cookie: supCookie })).body.referral;
    expect(before.attempts.map((a: any) => [a.agency.id, a.status, a.attempt])).to.deep.equal([[viXuyen.id, 'declined', 1], [tuyenQuangDept.id, 'declined', 1]]);
    const unknown = await api(app.baseUrl, 'POST', `/api/referrals/${rows[2]!.id}/assign`, { cookie: supCookie, body: { agencyId: 999_999 } });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.fields).to.have.property('agencyId');
    // The office that declined may still be asked again: a new attempt, said as such.
    const again = await api(app.baseUrl, 'POST', `/api/referrals/${rows[2]!.id}/assign`, { cookie: supCookie, body: { agencyId: viXuyen.id, note: 'Đã gọi điện trao đổi lại' } });
    expect(again.status).to.equal(200);
    expect(again.body.referral).to.include({ status: 'pending', attempt: 2 });
    expect(again.body.referral.why).to.include({ reason: 'assigned', attempt: 2 });
    expect(again.body.referral.agency).to.deep.equal({ id: viXuyen.id, name: viXuyen.name });
    const timeline = again.body.referral.timeline;
    expect(timeline.map((e: any) => e.type)).to.include.members(['created', 'declined', 'rerouted', 'needs_supervisor', 'assigned']);
    expect(timeline.find((e: any) => e.type === 'assigned').details).to.include({ agencyId: viXuyen.id, attempt: 2 });
  });

  it('refuses invalid transitions with 409 and changes nothing', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    const vx = await officerOf(app, viXuyen.id);
    const closePending = await api(app.baseUrl, 'POST', `/api/referrals/${id}/close`, { cookie: vx.cookie, body: { outcome: 'successful' } });
    expect(closePending.status).to.equal(409);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${id}/accept`, { cookie: vx.cookie })).status).to.equal(200);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${id}/accept`, { cookie: vx.cookie })).status).to.equal(409);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${id}/decline`, { cookie: vx.cookie, body: { reason: 'too late' } })).status).to.equal(409);
    const notSuccessfulNoReason = await api(app.baseUrl, 'POST', `/api/referrals/${id}/close`, { cookie: vx.cookie, body: { outcome: 'not_successful' } });
    expect(notSuccessfulNoReason.status).to.equal(400);
    expect((await referralsOf(app, contactId))[0]!.status).to.equal('accepted');
  });

  it('records support (Art. 37) and closes with an outcome', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    const vx = await officerOf(app, viXuyen.id);
    await api(app.baseUrl, 'POST', `/api/referrals/${id}/accept`, { cookie: vx.cookie });
    const s = await api(app.baseUrl, 'POST', `/api/referrals/${id}/support`, { cookie: vx.cookie, body: { regime: 'g', givenOn: '2026-11-20', note: 'Tư vấn tâm lý lần 1' } });
    expect(s.status).to.equal(200);
    expect(s.body.referral.status).to.equal('in_progress');
    expect(s.body.referral.firstActionAt).to.be.a('string');
    expect(s.body.referral.support[0]).to.include({ regime: 'g', givenOn: '2026-11-20', note: 'Tư vấn tâm lý lần 1' });
    const c = await api(app.baseUrl, 'POST', `/api/referrals/${id}/close`, { cookie: vx.cookie, body: { outcome: 'successful' } });
    expect(c.body.referral).to.include({ status: 'closed', outcome: 'successful' });
  });

  it("keeps another agency's referral out of reach on REST and socket (404, not found)", async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    const other = await officerOf(app, (await agency('tuyen-quang-commune-00694')).id);
    expect((await api(app.baseUrl, 'GET', `/api/referrals/${id}`, { cookie: other.cookie })).status).to.equal(404);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${id}/accept`, { cookie: other.cookie })).status).to.equal(404);
    const list = await api(app.baseUrl, 'GET', '/api/referrals', { cookie: other.cookie });
    expect(list.body.referrals.map((r: any) => r.id)).not.to.include(id);
    const s = await readySocket(app.baseUrl, other.cookie);
    const r: any = await s.timeout(3000).emitWithAck('referral:accept', { referralId: id! });
    expect(r.error.code).to.equal('not_found');
    s.disconnect();
    expect((await referralsOf(app, contactId))[0]!.status).to.equal('pending');
  });

  it('gates disclosure on consent: nothing identifying without it; full record after accepting with it; audited', async () => {
    const vx = await officerOf(app, viXuyen.id);
    const noConsent = await classifiedCase(app, { ...IN_VI_XUYEN, consent: 'none' });
    const [a] = await route(app, noConsent);
    await api(app.baseUrl, 'POST', `/api/referrals/${a}/accept`, { cookie: vx.cookie });
    const withheld = await api(app.baseUrl, 'GET', `/api/referrals/${a}`, { cookie: vx.cookie });
    expect(withheld.body.referral.disclosure).to.equal(null);
    expect(withheld.body.referral.disclosureWithheld).to.equal('no_consent');
    // An agency's timeline holds only its referral's news from follow-ups (issue 17): none here.
    expect(withheld.body.referral.timeline).to.deep.equal([]);
    expect(JSON.stringify(withheld.body)).not.to.match(/Campuchia|\+849/);
    expect(withheld.body.referral.victims).to.deep.include({ count: 1, children: 1 });

    const consent = await classifiedCase(app, { ...IN_VI_XUYEN, consent: 'victim' });
    const [b] = await route(app, consent);
    const before = await api(app.baseUrl, 'GET', `/api/referrals/${b}`, { cookie: vx.cookie });
    expect(before.body.referral.disclosureWithheld).to.equal('not_accepted');
    const accepted = await api(app.baseUrl, 'POST', `/api/referrals/${b}/accept`, { cookie: vx.cookie });
    expect(accepted.body.referral.disclosure.narrative).to.include('Campuchia');
    expect(accepted.body.referral.disclosure.callerPhone).to.match(/^\+849/);
    const views = await scratch.db.selectFrom('audit_log').select('details').where('action', '=', 'referral.view').where('entity_id', 'in', [String(a), String(b)]).execute();
    expect(views.length).to.be.greaterThanOrEqual(3);
  });

  it('lets police act on immediate danger without waiting for consent', async () => {
    const contactId = await classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true, consent: 'none' });
    await route(app, contactId);
    const police = (await referralsOf(app, contactId)).find((r) => r.track === 'police')!;
    const officer = await officerOf(app, police.agency_id!);
    const d = await api(app.baseUrl, 'GET', `/api/referrals/${police.id}`, { cookie: officer.cookie });
    expect(d.body.referral.disclosure.callerPhone).to.match(/^\+849/);
  });
});
