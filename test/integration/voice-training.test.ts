import { expect } from 'chai';
import { refreshRollups } from '../../server/domain/reports/rollup.js';
import { resolveScope } from '../../server/domain/reports/scope.js';
import { contactCounts } from '../../server/domain/reports/stats.queries.js';
import { api, createTestUser, loginAs } from '../support/http.js';
import { once } from '../support/socket.js';
import { traffickingWrapUp } from '../support/contacts.js';
import { offered, voiceScenario } from '../support/voice.js';

describe('the training line: without Twilio, a supervisor places simulated calls that run the same code', function () {
  this.timeout(30_000);
  const v = voiceScenario({ twilio: false });
  const contact = (id: number) => v.scratch.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  let supervisor: string;
  before(async () => {
    const u = await createTestUser('supervisor', null, v.scratch.db);
    supervisor = await loginAs(v.app.baseUrl, u.username, u.password);
  });
  afterEach(() => v.close());

  it('says which line it is, and refuses a softphone token', async () => {
    const op = await v.operator();
    const config = await api(v.app.baseUrl, 'GET', '/api/voice/config', { cookie: op.cookie });
    expect(config.body).to.deep.equal({ mode: 'training', softphone: false, offerTimeoutSeconds: 15, wrapUpMaxSeconds: 120, callbackMaxAttempts: 3 });
    expect((await api(v.app.baseUrl, 'GET', '/api/voice/token', { cookie: op.cookie })).status).to.equal(409);
  });

  it('offers a training call, puts it through without audio, ends it on a hang-up and wraps it up', async () => {
    const op = await v.operator();
    await op.status('available');
    const ringing = offered(op);
    const placed = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: { from: '+84912345999' } });
    expect(placed.status).to.equal(201);
    expect(placed.body.ref).to.equal(`LH-${String(placed.body.contactId).padStart(6, '0')}`);
    const offer = await ringing;
    expect(offer).to.deep.include({ contactId: placed.body.contactId, training: true });
    const connecting = once<{ training: boolean; operatorCallSid: string | null }>(op.socket, 'call:connecting');
    const accepted: any = await op.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId });
    expect(accepted.data).to.include({ training: true, callerPhone: '+84912345999' });
    expect(await connecting).to.deep.equal({ contactId: placed.body.contactId, operatorCallSid: null, training: true });
    expect(v.twilio.requests).to.have.length(0); // nothing ever leaves the machine
    const ended = once(op.socket, 'call:ended');
    const hangup: any = await op.socket.timeout(5000).emitWithAck('call:hangup', { contactId: placed.body.contactId });
    expect(hangup.data).to.deep.equal({ contactId: placed.body.contactId });
    await ended;
    expect(await contact(placed.body.contactId)).to.deep.include({ training: true, call_status: 'completed', answered_by: op.id });
    const status = await v.scratch.db.selectFrom('operator_status').select(['status', 'wrap_up_contact_id']).where('user_id', '=', op.id).executeTakeFirstOrThrow();
    expect(status).to.deep.equal({ status: 'wrap_up', wrap_up_contact_id: placed.body.contactId });
    // Saving the wrap-up makes the operator available again, in the same statement, and the next call may ring.
    const saved = await api(v.app.baseUrl, 'POST', `/api/contacts/${placed.body.contactId}/wrap-up`, { cookie: op.cookie, body: traffickingWrapUp({ classification: 'not_relevant' }) });
    expect(saved.status).to.equal(200);
    const after = await v.scratch.db.selectFrom('operator_status').select(['status', 'wrap_up_contact_id', 'available_since']).where('user_id', '=', op.id).executeTakeFirstOrThrow();
    expect(after).to.deep.include({ status: 'available', wrap_up_contact_id: null });
    expect(after.available_since).to.be.instanceOf(Date);
    const next = offered(op);
    const again = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: { from: '+84912345998' } });
    expect((await next).contactId).to.equal(again.body.contactId);
  });

  it('turns a simulated hang-up while waiting, and a voice message, into callback tasks', async () => {
    const waiting = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: {} });
    expect((await api(v.app.baseUrl, 'POST', `/api/training/calls/${waiting.body.contactId}/hangup`, { cookie: supervisor })).status).to.equal(200);
    const message = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: {} });
    expect((await api(v.app.baseUrl, 'POST', `/api/training/calls/${message.body.contactId}/voicemail`, { cookie: supervisor })).status).to.equal(200);
    const callbacks = await v.scratch.db.selectFrom('callbacks').select(['contact_id', 'reason']).where('contact_id', 'in', [waiting.body.contactId, message.body.contactId]).orderBy('contact_id').execute();
    expect(callbacks.map((c) => c.reason)).to.deep.equal(['abandoned_queue', 'voicemail']);
    expect((await api(v.app.baseUrl, 'POST', `/api/training/calls/${waiting.body.contactId}/hangup`, { cookie: supervisor })).status).to.equal(409);
  });

  it('leaves training calls out of the statistics', async () => {
    const day = v.clock.now().toISOString().slice(0, 10);
    const training = await v.scratch.db.selectFrom('contacts').select((e) => e.fn.countAll<number>().as('n')).where('training', '=', true).executeTakeFirstOrThrow();
    expect(Number(training.n)).to.be.greaterThan(0);
    const scope = await resolveScope(v.scratch.db, { from: day, to: day }, { scopeAgencyId: null });
    for (const via of ['direct', 'rollup'] as const) {
      if (via === 'rollup') await refreshRollups(v.scratch.db);
      const counts = await contactCounts(v.scratch.db, scope, via);
      expect(counts.filter((c) => c.dim === '').reduce((n, c) => n + c.n, 0), via).to.equal(0);
    }
  });

  it("tells the consoles a call's facts: when it was answered and ended, how long the caller waited, a missed call's callback", async () => {
    const op = await v.operator();
    await op.status('available');
    const ringing = offered(op);
    const answered = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: {} });
    const offer = await ringing;
    v.clock.advance(7_000);
    await op.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId });
    const missed = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: {} });
    v.clock.advance(20_000);
    await api(v.app.baseUrl, 'POST', `/api/training/calls/${missed.body.contactId}/hangup`, { cookie: supervisor });
    const sync: any = await op.socket.timeout(5000).emitWithAck('queue:sync');
    const byId = (id: number) => sync.data.contacts.find((c: { id: number }) => c.id === id);
    expect(byId(answered.body.contactId)).to.deep.include({ training: true, waitSeconds: 7, endedAt: null, callback: null, callStatus: 'in-progress' });
    expect(byId(answered.body.contactId).answeredAt).to.be.a('string');
    const m = byId(missed.body.contactId);
    expect(m).to.deep.include({ status: 'queued', callStatus: 'completed', answeredAt: null, training: true });
    expect(m.endedAt).to.equal(v.clock.now().toISOString());
    expect(m.callback).to.deep.include({ reason: 'abandoned_queue', status: 'open', attempts: 0 });
  });

  it('lets only supervisors and admins place training calls, and refuses a malformed number naming the field', async () => {
    const admin = await createTestUser('admin', null, v.scratch.db);
    const adminCookie = await loginAs(v.app.baseUrl, admin.username, admin.password);
    expect((await api(v.app.baseUrl, 'GET', '/api/voice/config', { cookie: adminCookie })).body).to.include({ mode: 'training' });
    const op = await v.operator();
    expect((await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: op.cookie, body: {} })).status).to.equal(403);
    const bad = await api(v.app.baseUrl, 'POST', '/api/training/calls', { cookie: supervisor, body: { from: '0912' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields).to.have.property('from');
  });
});
