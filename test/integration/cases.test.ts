import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import sinon from 'sinon';
import type { CaseHistory, ContactDetail, ReferralDetail, WrapUpInput } from '../../shared/index.js';
import { relayRoutingRequests } from '../../server/domain/routing/routing-outbox.js';
import { incomingCall, traffickingWrapUp } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { IN_VI_XUYEN, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';

/** Issue 17, item 2: a follow-up joins its case; the case keeps its referrals; its history from first call to closure. */
describe('cases that group contacts', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let viXuyen: { id: number };
  let sup: string;
  let op: { id: number; cookie: string };
  let officer: string;
  let otherOfficer: string;
  const phone = () => `+8491${Math.floor(1e7 + Math.random() * 9e7)}`;
  const phoneA = phone();
  const phoneN = phone();
  const cases = { a: 0, n: 0 };
  const FOLLOW_UP = 'Em đã trốn về được đến Hà Giang, đang ở nhà bà ngoại.';

  const user = async (role: 'operator' | 'supervisor' | 'agency_officer', agencyId: number | null = null) => {
    const u = await createTestUser(role, agencyId, scratch.db);
    return { id: u.id, cookie: await sessionCookie(app, u.id) };
  };
  const claimed = async (from: string, by = op) => {
    const call = await incomingCall(app.baseUrl, from, scratch.db);
    expect((await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: by.cookie })).status).to.equal(200);
    return call.id;
  };
  const wrapUp = async (id: number, w: Partial<WrapUpInput>, by = op) => {
    const r = await api(app.baseUrl, 'POST', `/api/contacts/${id}/wrap-up`, { cookie: by.cookie, body: traffickingWrapUp(w) });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  };
  const attach = (id: number, body: unknown, cookie = op.cookie) => api(app.baseUrl, 'POST', `/api/contacts/${id}/case`, { cookie, body });
  const referralCount = async () => Number((await scratch.db.selectFrom('referrals').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const referralOf = (contactId: number) =>
    scratch.db.selectFrom('referrals').select(['id', 'status']).where('contact_id', '=', contactId).where('agency_id', '=', viXuyen.id).executeTakeFirstOrThrow();
  const officerView = async (id: number, cookie = officer) => {
    const r = await api(app.baseUrl, 'GET', `/api/referrals/${id}`, { cookie });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return (r.body as { referral: ReferralDetail }).referral;
  };
  const audits = (action: string, entityId: number) =>
    scratch.db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', action).where('entity_id', '=', String(entityId)).execute();

  before(async function () {
    this.timeout(120_000);
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const canTho = await agencyByCode('can-tho-commune-31135', scratch.db);
    sup = (await user('supervisor')).cookie;
    op = await user('operator');
    officer = (await user('agency_officer', viXuyen.id)).cookie;
    otherOfficer = (await user('agency_officer', canTho.id)).cookie;

    cases.a = await claimed(phoneA);
    await wrapUp(cases.a, { ...IN_VI_XUYEN, consent: 'victim' });
    cases.n = await claimed(phoneN);
    await wrapUp(cases.n, { ...IN_VI_XUYEN, consent: 'none' });
    await route(app, cases.a);
    await route(app, cases.n);
    // The agency took case A: with the victim's consent, it now reads the case.
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${(await referralOf(cases.a)).id}/accept`, { cookie: officer })).status).to.equal(200);
  });
  after(async () => {
    sinon.restore();
    await app?.close();
    await scratch?.drop();
  });

  it('a follow-up joins its case without a new referral, and the agency reads the news on the same referral', async () => {
    const followUp = await claimed(phoneA);
    const open = (await api(app.baseUrl, 'GET', `/api/contacts/${followUp}`, { cookie: op.cookie })).body as { contact: ContactDetail };
    expect(open.contact.earlierContacts.map((e) => e.id)).to.include(cases.a);
    expect(open.contact.case).to.equal(null);

    const r = await attach(followUp, { caseId: cases.a });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect((r.body as { contact: ContactDetail }).contact.case).to.deep.equal({ id: cases.a, ref: `LH-${String(cases.a).padStart(6, '0')}`, status: 'open' });

    const before = await referralCount();
    const openReferrals = await scratch.db.selectFrom('referrals').select('id').where('contact_id', '=', cases.a)
      .where('status', 'in', ['pending', 'accepted', 'in_progress', 'needs_supervisor']).orderBy('id').execute();
    expect(openReferrals.length).to.be.greaterThan(0);
    const emit = sinon.spy(app.ctx.realtime, 'emit');
    await wrapUp(followUp, { ...IN_VI_XUYEN, consent: 'victim', narrative: FOLLOW_UP });
    const updated = emit.getCalls().filter((c) => c.args[1] === 'referral:updated').map((c) => (c.args[2] as { id: number }).id);
    emit.restore();
    expect(updated).to.have.members(openReferrals.map((x) => x.id));

    // The routing path has nothing to do: no routing request, and routing it anyway creates nothing.
    expect(await scratch.db.selectFrom('routing_requests').select('contact_id').where('contact_id', '=', followUp).execute()).to.deep.equal([]);
    await relayRoutingRequests(app.ctx, { graceMs: 0 });
    expect(await route(app, followUp)).to.deep.equal([]);
    expect(await referralCount()).to.equal(before);
    expect(await scratch.db.selectFrom('referrals').select('id').where('contact_id', '=', followUp).execute()).to.deep.equal([]);

    // One 'new_information' event on each open referral of the case, its text sealed at rest.
    const events = await scratch.db.selectFrom('referral_events').select(['referral_id', 'details']).where('type', '=', 'new_information').orderBy('referral_id').execute();
    expect(events.map((e) => e.referral_id)).to.deep.equal(openReferrals.map((x) => x.id));
    expect(JSON.stringify(events)).not.to.contain('Hà Giang');
    expect(events[0]!.details).to.include({ followUpContactId: followUp });

    const seen = await officerView((await referralOf(cases.a)).id);
    const news = seen.timeline!.filter((e) => e.type === 'new_information');
    expect(news).to.have.length(1);
    expect(news[0]!.details.note).to.equal(FOLLOW_UP);

    const wrapAudit = await audits('contact.wrap_up', followUp);
    expect(wrapAudit[0]!.details).to.include({ routed: false, caseId: cases.a });
    expect(await audits('contact.attach_case', followUp)).to.deep.equal([{ actor_user_id: op.id, details: { caseId: cases.a } }]);
  });

  it("without the victim's consent the agency sees that news came, not what it says", async () => {
    const followUp = await claimed(phoneN);
    expect((await attach(followUp, { caseId: cases.n })).status).to.equal(200);
    await wrapUp(followUp, { ...IN_VI_XUYEN, consent: 'none', narrative: FOLLOW_UP });
    const referral = await referralOf(cases.n);
    const seen = await officerView(referral.id);
    expect(seen.disclosureWithheld).to.equal('no_consent');
    const news = seen.timeline!.filter((e) => e.type === 'new_information');
    expect(news).to.have.length(1);
    expect(news[0]!.details).not.to.have.property('note');
    expect(news[0]!.details).not.to.have.property('noteEnc');
    // The hotline's supervisor reads it.
    const sv = await api(app.baseUrl, 'GET', `/api/referrals/${referral.id}`, { cookie: sup });
    const svNews = (sv.body as { referral: ReferralDetail }).referral.timeline!.filter((e) => e.type === 'new_information');
    expect(svNews.map((e) => e.details.note)).to.deep.equal([FOLLOW_UP]);
  });

  it('refuses to attach to an unknown case, a case the operator may not see, or a contact not theirs, naming the field', async () => {
    const stranger = await claimed(phone());
    const missing = await attach(stranger, {});
    expect(missing.status).to.equal(400);
    expect(missing.body.error.fields).to.have.property('caseId');
    const unknown = await attach(stranger, { caseId: 2_000_000_000 });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.fields).to.have.property('caseId');
    // Another caller's case: not in this contact's repeat-caller history, and no supervisor's grant.
    const unseen = await attach(stranger, { caseId: cases.a });
    expect(unseen.status).to.equal(403);
    expect(unseen.body.error.fields).to.have.property('caseId');
    // A contact still being taken is no case yet.
    const notYet = await attach(stranger, { caseId: stranger });
    expect(notYet.status).to.equal(400);
    expect(notYet.body.error.fields).to.have.property('caseId');
    const other = await user('operator');
    const notTheirs = await attach(stranger, { caseId: cases.a }, other.cookie);
    expect(notTheirs.status).to.equal(409);
    expect(notTheirs.body.error.fields).to.have.property('id');
    expect(await scratch.db.selectFrom('contacts').select('case_contact_id').where('id', '=', stranger).executeTakeFirstOrThrow()).to.deep.equal({ case_contact_id: null });

    // With a supervisor's grant for that case, the operator may attach it; and detach it again.
    expect((await api(app.baseUrl, 'POST', `/api/supervisor/contacts/${cases.a}/grants`, { cookie: sup, body: { userId: op.id, hours: 1 } })).status).to.equal(201);
    expect((await attach(stranger, { caseId: cases.a })).status).to.equal(200);
    const detached = await api(app.baseUrl, 'DELETE', `/api/contacts/${stranger}/case`, { cookie: op.cookie });
    expect(detached.status).to.equal(200);
    expect((detached.body as { contact: ContactDetail }).contact.case).to.equal(null);
    expect((await audits('contact.detach_case', stranger)).map((a) => a.details)).to.deep.equal([{ caseId: cases.a }]);
  });

  it('GET /api/cases/:id reads a case from first call to closure, as the viewer may see it, and is audited', async () => {
    const r = await api(app.baseUrl, 'GET', `/api/cases/${cases.a}`, { cookie: sup });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    const c = (r.body as { case: CaseHistory }).case;
    expect(c.status).to.equal('open');
    expect(c.contacts).to.have.length(2);
    expect(c.contacts.map((x) => x.first)).to.deep.equal([true, false]);
    expect(c.contacts[0]!.id).to.equal(cases.a);
    expect(new Date(c.contacts[0]!.receivedAt) <= new Date(c.contacts[1]!.receivedAt)).to.equal(true);
    expect(c.referrals.length).to.be.greaterThan(0);
    const own = c.referrals.find((x) => x.agency?.id === viXuyen.id)!;
    expect(own.events.map((e) => e.type)).to.include.members(['created', 'accepted', 'new_information']);

    // Read through the follow-up, the same case; the agency reads its own referral only; another agency nothing.
    const viaFollowUp = await api(app.baseUrl, 'GET', `/api/cases/${c.contacts[1]!.id}`, { cookie: sup });
    expect((viaFollowUp.body as { case: CaseHistory }).case.id).to.equal(cases.a);
    const asOfficer = (await api(app.baseUrl, 'GET', `/api/cases/${cases.a}`, { cookie: officer })).body as { case: CaseHistory };
    expect(asOfficer.case.referrals.map((x) => x.agency?.id)).to.deep.equal([viXuyen.id]);
    expect(asOfficer.case.contacts.every((x) => x.operator === null)).to.equal(true);
    expect(asOfficer.case.referrals[0]!.events.find((e) => e.type === 'new_information')!.details.note).to.equal(FOLLOW_UP);
    expect((await api(app.baseUrl, 'GET', `/api/cases/${cases.a}`, { cookie: otherOfficer })).status).to.equal(404);
    expect((await audits('case.view', cases.a)).length).to.equal(3);

    // Closed at its last referral's closure.
    await scratch.owner.updateTable('referrals').set({ status: 'closed', closed_at: new Date('2026-12-01T03:00:00Z') }).where('contact_id', '=', cases.a).execute();
    const closed = (await api(app.baseUrl, 'GET', `/api/cases/${cases.a}`, { cookie: sup })).body as { case: CaseHistory };
    expect(closed.case).to.include({ status: 'closed', closedAt: '2026-12-01T03:00:00.000Z' });
  });

  it('a follow-up to a closed case is routed again, its referrals join the case, and the case reads as reopened', async () => {
    // Case A is closed now (the test before closed its every referral): nobody would read news put on them.
    const followUp = await claimed(phoneA);
    const r = await attach(followUp, { caseId: cases.a });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect((r.body as { contact: ContactDetail }).contact.case).to.include({ id: cases.a, status: 'closed' });
    const newsBefore = await scratch.db.selectFrom('referral_events').select('id').where('type', '=', 'new_information').execute();

    await wrapUp(followUp, { ...IN_VI_XUYEN, consent: 'victim', narrative: FOLLOW_UP });
    // Routed like a new contact: the routing request (outbox) is written, and the routing worker refers it.
    expect(await scratch.db.selectFrom('routing_requests').select('contact_id').where('contact_id', '=', followUp).execute()).to.deep.equal([{ contact_id: followUp }]);
    const created = await route(app, followUp);
    expect(created.length).to.be.greaterThan(0);
    const mine = await referralOf(followUp);
    expect(mine.status).to.equal('pending');
    // Nothing was put on the closed referrals.
    expect(await scratch.db.selectFrom('referral_events').select('id').where('type', '=', 'new_information').execute()).to.deep.equal(newsBefore);
    const wrapAudit = await audits('contact.wrap_up', followUp);
    expect(wrapAudit[0]!.details).to.include({ routed: true, reopened: true, caseId: cases.a });

    // The case's history: open again, the follow-up marked as reopening it, its new referrals among the case's.
    const c = ((await api(app.baseUrl, 'GET', `/api/cases/${cases.a}`, { cookie: sup })).body as { case: CaseHistory }).case;
    expect(c).to.include({ status: 'open', closedAt: null });
    expect(c.contacts.filter((x) => x.reopened).map((x) => x.id)).to.deep.equal([followUp]);
    expect(c.referrals.map((x) => x.id)).to.include.members(created);
    const own = c.referrals.find((x) => x.id === mine.id)!;
    expect(own.events.map((e) => e.type)).to.include('created');
    // The agency reads the same case, its new referral with it, and acts on it in its inbox.
    const asOfficer = ((await api(app.baseUrl, 'GET', `/api/cases/${followUp}`, { cookie: officer })).body as { case: CaseHistory }).case;
    expect(asOfficer.id).to.equal(cases.a);
    expect(asOfficer.referrals.map((x) => x.id)).to.include(mine.id);
    expect((await officerView(mine.id)).status).to.equal('pending');

    // The case is open again: the next follow-up is news on the new referral, not another routing.
    const next = await claimed(phoneA);
    expect(((await attach(next, { caseId: cases.a })).body as { contact: ContactDetail }).contact.case).to.include({ status: 'open' });
    const before = await referralCount();
    await wrapUp(next, { ...IN_VI_XUYEN, consent: 'victim', narrative: FOLLOW_UP });
    expect(await scratch.db.selectFrom('routing_requests').select('contact_id').where('contact_id', '=', next).execute()).to.deep.equal([]);
    expect(await route(app, next)).to.deep.equal([]);
    expect(await referralCount()).to.equal(before);
    const news = await scratch.db.selectFrom('referral_events').select('referral_id').where('type', '=', 'new_information').where('referral_id', 'in', created).execute();
    expect(news.map((e) => Number(e.referral_id))).to.have.members(created);
  });
});
