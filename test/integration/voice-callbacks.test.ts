import { expect } from 'chai';
import { createSlaEngine } from '../../server/domain/sla/sla-engine.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { operatorIdentity } from '../../server/domain/voice/identity.js';
import { deleteOldRecordings } from '../../server/domain/voice/recording-retention.js';
import { api, createTestUser, loginAs } from '../support/http.js';
import { newRecordingSid } from '../support/twilio.js';
import { parseTwiml } from '../support/twiml.js';
import { voiceScenario, type Operator } from '../support/voice.js';

const MIN = 60_000;

describe('missed calls are called back: a task with its own clock, up to three attempts, each with its outcome', function () {
  this.timeout(30_000);
  const v = voiceScenario();
  const callback = (contactId: number) => v.scratch.db.selectFrom('callbacks').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
  const clockOf = async (contactId: number) =>
    v.scratch.db.selectFrom('sla_clocks').selectAll().where('callback_id', '=', (await callback(contactId)).id).executeTakeFirstOrThrow();
  let supervisor: string;
  before(async () => {
    const u = await createTestUser('supervisor', null, v.scratch.db);
    supervisor = await loginAs(v.app.baseUrl, u.username, u.password);
  });
  afterEach(() => v.close());

  /** A call that hung up while waiting, claimed from the queue by an operator (to call back). */
  async function missedAndClaimed(): Promise<{ op: Operator; contactId: number }> {
    const { contactId, callSid } = await v.call('+84987654321');
    await v.post('/webhooks/twilio/voice/queue-result', { CallSid: callSid, QueueResult: 'hangup', QueueTime: '20' });
    const op = await v.operator();
    expect((await api(v.app.baseUrl, 'POST', `/api/contacts/${contactId}/claim`, { cookie: op.cookie })).status).to.equal(200);
    return { op, contactId };
  }
  const start = async (op: Operator, contactId: number) => (await op.socket.timeout(5000).emitWithAck('callback:start', { contactId })) as any;
  const outcome = async (op: Operator, attemptId: number, o: string) => (await op.socket.timeout(5000).emitWithAck('callback:outcome', { attemptId, outcome: o as 'no_answer' })) as any;

  it('runs a 15-minute clock to the first attempt: warned at 75 %, breached at 100 %, shown to the supervisor', async () => {
    const t0 = v.clock.now();
    const { contactId } = await missedAndClaimed();
    const engine = createSlaEngine(v.app.ctx, referralsServiceFor(v.app.ctx));
    expect(await clockOf(contactId)).to.deep.include({ kind: 'callback', state: 'running' });
    expect((await clockOf(contactId)).due_at.getTime() - t0.getTime()).to.equal(15 * MIN);
    v.clock.set(new Date(t0.getTime() + 12 * MIN));
    expect((await engine.processDue()).warnings).to.equal(1);
    v.clock.set(new Date(t0.getTime() + 15 * MIN + 1000));
    expect((await engine.processDue()).breaches).to.equal(1);
    expect(await clockOf(contactId)).to.deep.include({ state: 'breached', escalation_level: 2 });
    const board = await api(v.app.baseUrl, 'GET', '/api/supervisor/callbacks', { cookie: supervisor });
    const row = board.body.callbacks.find((c: any) => c.contactId === contactId);
    expect(row).to.deep.include({ reason: 'abandoned_queue', status: 'open', attempts: 0 });
    expect(row.clock.state).to.equal('breached');
    expect(board.body.total).to.be.greaterThanOrEqual(1);
  });

  it('dials the caller from the hotline number for the attempt the operator started, and refuses anyone else', async () => {
    const { op, contactId } = await missedAndClaimed();
    const started = await start(op, contactId);
    expect(started.data).to.deep.include({ training: false });
    expect((await clockOf(contactId)).state).to.equal('met');
    const from = `client:${operatorIdentity(v.app.ctx.config.SESSION_SECRET, op.id)}`;
    const stranger = await v.post('/webhooks/twilio/voice/outbound', { CallSid: `CA${'9'.repeat(32)}`, From: 'client:op_someoneelse000000000000', callbackContactId: String(contactId) });
    expect(parseTwiml(stranger.text).map((t) => t.verb)).to.deep.equal(['Say', 'Hangup']);
    const call = `CA${'8'.repeat(32)}`;
    const dial = parseTwiml((await v.post('/webhooks/twilio/voice/outbound', { CallSid: call, From: from, callbackContactId: String(contactId) })).text);
    expect(dial[0]).to.deep.include({ verb: 'Dial' });
    expect(dial[0]!.attrs).to.deep.include({ callerId: '+84240000111', record: 'record-from-answer' });
    expect(dial[0]!.children[0]).to.deep.include({ verb: 'Number', text: '+84987654321' });
    // One dial per attempt: a replay of the same request is refused.
    const again = await v.post('/webhooks/twilio/voice/outbound', { CallSid: `CA${'7'.repeat(32)}`, From: from, callbackContactId: String(contactId) });
    expect(parseTwiml(again.text).map((t) => t.verb)).to.deep.equal(['Say', 'Hangup']);
    await v.post(`/webhooks/twilio/voice/outbound-result?a=${started.data.attemptId}`, { DialCallStatus: 'no-answer' });
    const attempt = await v.scratch.db.selectFrom('callback_attempts').selectAll().where('id', '=', started.data.attemptId).executeTakeFirstOrThrow();
    expect(attempt).to.deep.include({ call_sid: call, dial_status: 'no-answer' });
  });

  it('puts a no-answer back in the queue, and closes the task after the third failed attempt', async () => {
    const { op, contactId } = await missedAndClaimed();
    for (let i = 1; i <= 3; i++) {
      if (i > 1) expect((await api(v.app.baseUrl, 'POST', `/api/contacts/${contactId}/claim`, { cookie: op.cookie })).status).to.equal(200);
      const s = await start(op, contactId);
      const r = await outcome(op, s.data.attemptId, 'no_answer');
      expect(r.data).to.deep.equal({ status: i < 3 ? 'open' : 'failed', attempts: i });
      const c = await v.scratch.db.selectFrom('contacts').select(['status', 'claimed_by', 'call_type']).where('id', '=', contactId).executeTakeFirstOrThrow();
      expect(c).to.deep.equal(i < 3 ? { status: 'queued', claimed_by: null, call_type: null } : { status: 'closed', claimed_by: op.id, call_type: 'hang_up' });
    }
    expect(await callback(contactId)).to.deep.include({ status: 'failed', attempts: 3 });
    expect((await api(v.app.baseUrl, 'POST', `/api/contacts/${contactId}/claim`, { cookie: op.cookie })).status).to.equal(409);
  });

  it('closes on a wrong number, keeps a reached caller with the operator, and refuses another operator\'s attempt', async () => {
    const wrong = await missedAndClaimed();
    const w = await start(wrong.op, wrong.contactId);
    expect((await outcome(wrong.op, w.data.attemptId, 'wrong_number')).data.status).to.equal('wrong_number');
    const reached = await missedAndClaimed();
    const r = await start(reached.op, reached.contactId);
    const other = await v.operator();
    expect((await outcome(other, r.data.attemptId, 'reached')).error.code).to.equal('not_found');
    expect((await outcome(reached.op, r.data.attemptId, 'reached')).data.status).to.equal('reached');
    const c = await v.scratch.db.selectFrom('contacts').select(['status', 'claimed_by']).where('id', '=', reached.contactId).executeTakeFirstOrThrow();
    expect(c).to.deep.equal({ status: 'in_progress', claimed_by: reached.op.id });
    expect((await outcome(reached.op, r.data.attemptId, 'no_answer')).error.code).to.equal('conflict');
  });

  it('plays a recording through the server (audited), never hands out its URL, and deletes it after the retention period', async () => {
    const { op, contactId } = await missedAndClaimed();
    const rec = newRecordingSid();
    v.twilio.recordings.set(rec, Buffer.from('ID3-fake-mp3-bytes'));
    await v.post(`/webhooks/twilio/voice/recording?c=${contactId}`, { RecordingSid: rec, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/${rec}`, RecordingStatus: 'completed', RecordingDuration: '30' });
    const res = await fetch(`${v.app.baseUrl}/api/contacts/${contactId}/recording`, { headers: { cookie: op.cookie } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('audio/mpeg');
    expect(Buffer.from(await res.arrayBuffer()).toString()).to.equal('ID3-fake-mp3-bytes');
    expect(v.twilio.requests.at(-1)!.data.authorization).to.match(/^Basic /);
    const detail = await api(v.app.baseUrl, 'GET', `/api/contacts/${contactId}`, { cookie: op.cookie });
    expect(JSON.stringify(detail.body)).not.to.include('api.twilio.com');
    const other = await v.operator();
    expect((await fetch(`${v.app.baseUrl}/api/contacts/${contactId}/recording`, { headers: { cookie: other.cookie } })).status).to.equal(403);
    const plays = await v.scratch.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'contact.recording.play').where('entity_id', '=', String(contactId)).execute();
    expect(plays.map((p) => p.actor_user_id)).to.deep.equal([op.id]);

    v.clock.advance(366 * 24 * 60 * MIN);
    expect(await deleteOldRecordings(v.app.ctx)).to.be.greaterThanOrEqual(1);
    expect(v.twilio.requests.some((q) => q.method.toUpperCase() === 'DELETE' && q.uri.endsWith(`/Recordings/${rec}.json`))).to.equal(true);
    const sup = await createTestUser('supervisor', null, v.scratch.db); // a year on, yesterday's sessions have expired
    const supCookie = await loginAs(v.app.baseUrl, sup.username, sup.password);
    expect((await fetch(`${v.app.baseUrl}/api/contacts/${contactId}/recording`, { headers: { cookie: supCookie } })).status).to.equal(404);
    const deletions = await v.scratch.db.selectFrom('audit_log').select('action').where('action', '=', 'contact.recording.delete').where('entity_id', '=', String(contactId)).execute();
    expect(deletions).to.have.length(1);
  });
});
