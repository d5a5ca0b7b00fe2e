import { expect } from 'chai';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { contactChange, readySocket, type ClientSocket } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';

/**
 * Manual intake writes the contact, its draft, its claim and one audit row in one statement, and answers with the
 * whole record from that statement: the answer must be what a later GET reads back, and the creator's first look is
 * not a second audited view.
 */
describe('manual intake in one statement', () => {
  let app: TestApp;
  let cookie: string;
  let socket: ClientSocket;
  before(async () => {
    app = await startTestApp();
    const op = await createTestUser('operator');
    cookie = await loginAs(app.baseUrl, op.username, op.password);
    socket = await readySocket(app.baseUrl, cookie);
  });
  after(async () => {
    socket.close();
    await app.close();
  });
  const auditsOf = (id: number) =>
    testEnv().db.selectFrom('audit_log').select(['action', 'entity_type', 'actor_user_id']).where('entity_id', '=', String(id)).where('entity_type', '=', 'contact').execute();

  it('answers with the record a GET reads back, draft, claim and earlier contacts included, with one audit row', async () => {
    const phone = '+84912' + String(Date.now()).slice(-6);
    const first = await api(app.baseUrl, 'POST', '/api/contacts', { cookie, body: { channel: 'walk_in', callerPhone: phone, summary: 'Lần đầu' } });
    expect(first.status).to.equal(201);
    expect(first.body.contact.earlierContacts).to.deep.equal([]);

    const live = contactChange(socket, (c) => c.kind === 'created' && c.contact.callerMasked === first.body.contact.callerMasked && c.contact.id !== first.body.contact.id);
    const created = await api(app.baseUrl, 'POST', '/api/contacts', {
      cookie, body: { channel: 'zalo', callerPhone: phone, callerHandle: 'zalo-handle-1', summary: 'Em bị giữ giấy tờ' },
    });
    expect(created.status).to.equal(201);
    const c = created.body.contact;
    expect(c.status).to.equal('in_progress');
    expect(c.claimedBy.id).to.be.a('number');
    expect(c.callerPhone).to.equal(phone);
    expect(c.callerHandle).to.equal('zalo-handle-1');
    expect(c.draft).to.deep.equal({ narrative: 'Em bị giữ giấy tờ' });
    expect(c.repeatCount).to.equal(1);
    expect(c.earlierContacts.map((e: { id: number }) => e.id)).to.deep.equal([first.body.contact.id]);

    expect(await auditsOf(c.id)).to.have.length(1);
    expect((await auditsOf(c.id))[0]!.action).to.equal('contact.manual_intake');

    const summary = await live;
    const read = await api(app.baseUrl, 'GET', `/api/contacts/${c.id}`, { cookie });
    expect(read.status).to.equal(200);
    expect(c).to.deep.equal(read.body.contact);
    for (const [k, v] of Object.entries(summary)) expect(read.body.contact[k], k).to.deep.equal(v);
    // The GET is a view and is audited as one: now two rows.
    expect((await auditsOf(c.id)).map((a) => a.action)).to.have.members(['contact.manual_intake', 'contact.view']);
  });

  it('writes nothing, audit included, when the statement fails (a creator that does not exist)', async () => {
    const before = Number((await testEnv().db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const { insertManualContacts } = await import('../../server/domain/contacts/manual-intake-write.js');
    let failed = false;
    try {
      await insertManualContacts(testEnv().db, [{
        channel: 'email', phoneEnc: null, phoneHash: null, masked: null, handleEnc: null, draftEnc: null,
        receivedAt: new Date(), createdBy: 2_000_000_000, claimedAt: new Date(), audit: { actorUserId: 2_000_000_000, action: 'contact.manual_intake' },
      }]);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    const after = Number((await testEnv().db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).to.equal(before);
  });

  it('gives each of 40 contacts logged at once by 8 operators its own record, claim and audit row, earlier contacts included', async () => {
    const ops = await Promise.all(Array.from({ length: 8 }, () => createTestUser('operator')));
    const cookies = await Promise.all(ops.map((o) => loginAs(app.baseUrl, o.username, o.password)));
    const base = '+84913' + String(Date.now()).slice(-5);
    // Pairs share a number: whichever is stored second lists the first among its earlier contacts.
    const bodies = Array.from({ length: 40 }, (_, i) => ({ channel: 'walk_in', callerPhone: `${base}${Math.floor(i / 2)}`, summary: `Ghi chú ${i}` }));
    const answers = await Promise.all(bodies.map((body, i) => api(app.baseUrl, 'POST', '/api/contacts', { cookie: cookies[i % 8]!, body })));
    expect(answers.map((a) => a.status)).to.deep.equal(bodies.map(() => 201));
    const contacts = answers.map((a) => a.body.contact);
    expect(new Set(contacts.map((c) => c.id)).size).to.equal(40);
    contacts.forEach((c, i) => {
      expect(c.draft, `contact ${i}`).to.deep.equal({ narrative: `Ghi chú ${i}` });
      expect(c.callerPhone).to.equal(bodies[i]!.callerPhone);
      expect(c.claimedBy.id).to.equal(ops[i % 8]!.id);
    });
    for (let pair = 0; pair < 20; pair++) {
      const [a, b] = [contacts[2 * pair]!, contacts[2 * pair + 1]!];
      const earlier = [...a.earlierContacts, ...b.earlierContacts].map((e: { id: number }) => e.id);
      expect(earlier, `pair ${pair}`).to.have.length(1);
      expect(earlier[0]).to.be.oneOf([a.id, b.id]);
    }
    const audits = await testEnv().db.selectFrom('audit_log').select(['entity_id', 'actor_user_id'])
      .where('action', '=', 'contact.manual_intake').where('entity_id', 'in', contacts.map((c) => String(c.id))).execute();
    expect(audits).to.have.length(40);
    for (const [i, c] of contacts.entries()) expect(audits.find((a) => a.entity_id === String(c.id))!.actor_user_id).to.equal(ops[i % 8]!.id);
  });
});
