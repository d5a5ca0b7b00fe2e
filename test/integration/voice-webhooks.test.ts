import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { voiceAccessToken } from '../../server/domain/voice/identity.js';
import { sweepCalls } from '../../server/domain/voice/sweep.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { testConfig } from '../support/test-env.js';
import { once } from '../support/socket.js';
import { newConferenceSid, newRecordingSid } from '../support/twilio.js';
import { parseTwiml } from '../support/twiml.js';
import { offered, voiceScenario, type Operator } from '../support/voice.js';

const url = (path: string) => `${PUBLIC_URL}/webhooks/twilio/voice/${path}`;

describe('the phone line: waiting, voice messages, missed calls, the conference and what the contact says', function () {
  this.timeout(30_000);
  const v = voiceScenario();
  const contact = (id: number) => v.scratch.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const callbackOf = (id: number) => v.scratch.db.selectFrom('callbacks').selectAll().where('contact_id', '=', id).executeTakeFirst();
  const statusOf = async (id: number) => (await v.scratch.db.selectFrom('operator_status').select('status').where('user_id', '=', id).executeTakeFirstOrThrow()).status;

  afterEach(async () => {
    v.close();
    await v.scratch.db.updateTable('contacts').set({ status: 'closed', ended_at: new Date() }).where('status', '<>', 'closed').execute();
    await v.scratch.db.updateTable('call_offers').set({ state: 'cancelled' }).where('state', '=', 'ringing').execute();
    await v.scratch.db.updateTable('operator_status').set({ status: 'offline' }).execute();
  });

  /** An available operator and a call offered to them, accepted: the call is theirs and put through. */
  async function answeredCall(): Promise<{ op: Operator; contactId: number; callSid: string }> {
    const op = await v.operator();
    await op.status('available');
    const ringing = offered(op);
    const { contactId, callSid } = await v.call();
    const r: any = await op.socket.timeout(5000).emitWithAck('call:accept', { offerId: (await ringing).offerId });
    expect(r.data, JSON.stringify(r)).to.exist;
    return { op, contactId, callSid };
  }

  it('greets in Vietnamese and queues with our wait messages and an action for leaving the queue', async () => {
    const { twiml } = await v.call();
    expect(twiml.map((t) => t.verb)).to.deep.equal(['Say', 'Enqueue']);
    expect(twiml[0]).to.deep.include({ attrs: { language: 'vi-VN' } });
    expect(twiml[0]!.text).to.match(/^Tổng đài quốc gia bảo vệ trẻ em 111/);
    expect(twiml[1]).to.deep.include({ text: 'hotline111', attrs: { waitUrl: url('wait'), waitUrlMethod: 'POST', action: url('queue-result'), method: 'POST' } });
  });

  it('tells a waiting caller every 45 s that they are still in line, and lets them leave after 3 minutes or when nobody is on duty', async () => {
    const { callSid } = await v.call();
    const wait = async (queueTime: number) => parseTwiml((await v.post('/webhooks/twilio/voice/wait', { CallSid: callSid, QueueTime: String(queueTime) })).text);
    expect(await wait(0)).to.deep.equal([{ verb: 'Leave', attrs: {}, text: '', children: [] }]); // nobody on duty at all
    const op = await v.operator();
    await op.status('break');
    await v.scratch.db.updateTable('operator_status').set({ status: 'wrap_up' }).where('user_id', '=', op.id).execute();
    const first = await wait(0);
    expect(first.map((t) => [t.verb, t.attrs.length])).to.deep.equal([['Pause', '45']]);
    const later = await wait(60);
    expect(later.map((t) => t.verb)).to.deep.equal(['Say', 'Pause']);
    expect(later[0]!.text).to.match(/vẫn đang trong hàng chờ/);
    expect((await wait(180)).map((t) => t.verb)).to.deep.equal(['Leave']);
  });

  it('offers a voice message to a caller who left the queue, and makes it a callback task', async () => {
    const { contactId, callSid } = await v.call();
    const left = parseTwiml((await v.post('/webhooks/twilio/voice/queue-result', { CallSid: callSid, QueueResult: 'leave', QueueTime: '181' })).text);
    expect(left.map((t) => t.verb)).to.deep.equal(['Say', 'Record', 'Say']);
    expect(left[1]!.attrs).to.deep.include({ action: url(`voicemail?c=${contactId}`), recordingStatusCallback: url(`recording?c=${contactId}`), maxLength: '120' });
    const rec = newRecordingSid();
    const thanks = parseTwiml((await v.post(`/webhooks/twilio/voice/voicemail?c=${contactId}`, { RecordingSid: rec, RecordingDuration: '12' })).text);
    expect(thanks.map((t) => t.verb)).to.deep.equal(['Say', 'Hangup']);
    expect(await callbackOf(contactId)).to.deep.include({ reason: 'voicemail', status: 'open', attempts: 0 });
    expect(await contact(contactId)).to.deep.include({ voicemail: true, wait_seconds: 181, queue_result: 'leave', status: 'queued' });
  });

  it('makes a caller who hung up while waiting a callback task; while ringing in a console, the offer ends too', async () => {
    const queued = await v.call();
    await v.post('/webhooks/twilio/voice/queue-result', { CallSid: queued.callSid, QueueResult: 'hangup', QueueTime: '40' });
    expect(await callbackOf(queued.contactId)).to.deep.include({ reason: 'abandoned_queue' });
    expect(await contact(queued.contactId)).to.deep.include({ call_status: 'completed', wait_seconds: 40 });

    const op = await v.operator();
    await op.status('available');
    const ringing = offered(op);
    const { contactId, callSid } = await v.call();
    await ringing;
    const ended = once<{ reason: string }>(op.socket, 'call:offer-ended');
    await v.post('/webhooks/twilio/voice/queue-result', { CallSid: callSid, QueueResult: 'hangup', QueueTime: '9' });
    expect((await ended).reason).to.equal('caller_left');
    expect(await callbackOf(contactId)).to.deep.include({ reason: 'abandoned_ringing' });
    expect((await contact(contactId)).ended_at).to.be.instanceOf(Date);
  });

  it("sends the caller back to the queue when the operator's phone does not answer", async () => {
    const { op, contactId, callSid } = await answeredCall();
    const before = v.twilio.requests.length;
    expect((await v.post(`/webhooks/twilio/voice/agent-status?c=${contactId}`, { CallSid: (await contact(contactId)).operator_call_sid!, CallStatus: 'no-answer' })).status).to.equal(204);
    const moved = v.twilio.requests.slice(before).find((q) => q.uri.endsWith(`/Calls/${callSid}.json`))!;
    expect(moved.data).to.include({ Url: url('requeue') });
    expect(await contact(contactId)).to.deep.include({ status: 'queued', claimed_by: null, answered_at: null });
    expect(await statusOf(op.id)).to.equal('break');
    expect(parseTwiml((await v.post('/webhooks/twilio/voice/requeue', { CallSid: callSid })).text).map((t) => t.verb)).to.deep.equal(['Enqueue']);
  });

  it('answers the connect and agent URLs with the contact conference, recorded from the operator joining', async () => {
    const caller = parseTwiml((await v.post('/webhooks/twilio/voice/connect?c=42', { CallSid: 'CA' + '1'.repeat(32) })).text);
    expect(caller.map((t) => t.verb)).to.deep.equal(['Say', 'Dial']);
    const conf = caller[1]!.children[0]!;
    expect(conf).to.deep.include({ verb: 'Conference', text: 'contact-42' });
    expect(conf.attrs).to.deep.include({
      startConferenceOnEnter: 'false', endConferenceOnExit: 'true', record: 'record-from-start',
      recordingStatusCallback: url('recording?c=42'), statusCallback: url('conference?c=42'),
    });
    const agent = parseTwiml((await v.post('/webhooks/twilio/voice/agent?c=42', { CallSid: 'CA' + '2'.repeat(32) })).text);
    expect(agent[0]!.children[0]!.attrs).to.deep.include({ startConferenceOnEnter: 'true', endConferenceOnExit: 'true' });
    expect((await v.post('/webhooks/twilio/voice/connect', { CallSid: 'CA' + '1'.repeat(32) })).status).to.equal(400);
  });

  it('records the conference and its recording, puts the operator in wrap-up when it ends, and available after saving or the maximum', async () => {
    const { op, contactId } = await answeredCall();
    const conf = newConferenceSid();
    await v.post(`/webhooks/twilio/voice/conference?c=${contactId}`, { StatusCallbackEvent: 'conference-start', ConferenceSid: conf });
    expect((await contact(contactId)).conference_sid).to.equal(conf);
    const hold: any = await op.socket.timeout(5000).emitWithAck('call:hold', { contactId, hold: true });
    expect(hold.data).to.deep.equal({ hold: true });
    expect(v.twilio.requests.at(-1)!.uri).to.match(new RegExp(`/Conferences/${conf}/Participants/CA[0-9a-f]{32}\\.json$`));
    const rec = newRecordingSid();
    const bad = await v.post(`/webhooks/twilio/voice/recording?c=${contactId}`, { RecordingSid: rec, RecordingUrl: 'javascript:alert(1)', RecordingStatus: 'completed' });
    expect(bad.status).to.equal(400);
    await v.post(`/webhooks/twilio/voice/recording?c=${contactId}`, { RecordingSid: rec, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/${rec}`, RecordingStatus: 'completed', RecordingDuration: '95' });
    const ended = once(op.socket, 'call:ended');
    await v.post(`/webhooks/twilio/voice/conference?c=${contactId}`, { StatusCallbackEvent: 'conference-end', ConferenceSid: conf });
    await ended;
    expect(await contact(contactId)).to.deep.include({ recording_sid: rec, recording_seconds: 95, call_status: 'completed' });
    expect(await statusOf(op.id)).to.equal('wrap_up');
    v.clock.advance(121_000);
    await sweepCalls(v.app.ctx);
    expect(await statusOf(op.id)).to.equal('available');
  });

  it('keeps a final call status: a late "ringing" never replaces "completed"', async () => {
    const { contactId, callSid } = await v.call();
    await v.post('/webhooks/twilio/voice/status', { CallSid: callSid, CallStatus: 'completed', CallDuration: '30' });
    await v.post('/webhooks/twilio/voice/status', { CallSid: callSid, CallStatus: 'ringing' });
    expect(await contact(contactId)).to.deep.include({ call_status: 'completed', duration_seconds: 30 });
    expect(await callbackOf(contactId)).to.deep.include({ reason: 'abandoned_queue' }); // never answered
  });

  it('signs a softphone token with the voice grant, an opaque identity and a one-hour life', () => {
    const config = testConfig({
      TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+84240000111',
      TWILIO_API_KEY_SID: `SK${'2'.repeat(32)}`, TWILIO_API_KEY_SECRET: 'api-key-secret-for-tests', TWILIO_TWIML_APP_SID: `AP${'3'.repeat(32)}`,
    });
    const t = voiceAccessToken(config, 7)!;
    const claims = jwt.verify(t.token, 'api-key-secret-for-tests') as any;
    expect(claims.iss).to.equal(`SK${'2'.repeat(32)}`);
    expect(claims.sub).to.equal(`AC${'1'.repeat(32)}`);
    expect(claims.grants.identity).to.equal(t.identity).and.match(/^op_[0-9a-f]{24}$/);
    expect(claims.grants.voice).to.deep.equal({ incoming: { allow: true }, outgoing: { application_sid: `AP${'3'.repeat(32)}` } });
    expect(claims.exp - claims.iat).to.equal(3600);
    expect(Math.abs(Date.parse(t.expiresAt) / 1000 - claims.exp)).to.be.below(2);
    expect(voiceAccessToken(testConfig(), 7)).to.equal(null);
  });
});
