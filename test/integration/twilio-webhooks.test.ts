import { expect } from 'chai';
import { sql } from 'kysely';
import { ROOMS } from '../../shared/index.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { contactChange, once, readySocket } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';
const phoneHash = (phone: string) => createFieldCrypto(testEnv().config.DATA_KEY).lookupHash(phone);

describe('Twilio webhooks: signed, idempotent, announced live', () => {
  let app: TestApp;
  const post = (path: string, params: Record<string, string>, opts: { signature?: string | null; authToken?: string } = {}) =>
    signedTwilioPost(app.baseUrl, path, params, { publicBaseUrl: PUBLIC, ...opts });
  const contactsBySid = async (sid: string) => testEnv().db.selectFrom('contacts').selectAll().where('twilio_sid', '=', sid).execute();

  before(async () => (app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC } })));
  after(async () => app.close());

  it('answers a signed voice call with a Vietnamese greeting and a queue, and stores the contact', async () => {
    const callSid = newSid('CA');
    const r = await post('/webhooks/twilio/voice', { CallSid: callSid, From: '+84912345678', To: '111', CallStatus: 'ringing' });
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/xml/);
    expect(r.text).to.match(/<Say language="vi-VN">Tổng đài/);
    expect(r.text).to.match(/<Enqueue [^>]*waitUrl="https:\/\/hotline111\.test\/webhooks\/twilio\/voice\/wait"[^>]*>hotline111<\/Enqueue>/);
    const rows = await contactsBySid(callSid);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ channel: 'voice', status: 'queued', call_status: 'ringing', caller_masked: '•••• 678' });
  });

  it('refuses a bad signature, a signature for another URL, and a missing one: 403 and nothing stored', async () => {
    const params = () => ({ CallSid: newSid('CA'), From: '+84912345678', CallStatus: 'ringing' });
    const bad = params();
    expect((await post('/webhooks/twilio/voice', bad, { authToken: 'not-the-token' })).status).to.equal(403);
    const missing = params();
    expect((await post('/webhooks/twilio/voice', missing, { signature: null })).status).to.equal(403);
    const otherUrl = params();
    const r = await signedTwilioPost(app.baseUrl, '/webhooks/twilio/voice', otherUrl, { publicBaseUrl: 'https://attacker.example' });
    expect(r.status).to.equal(403);
    for (const p of [bad, missing, otherUrl]) expect(await contactsBySid(p.CallSid)).to.have.length(0);
  });

  it('refuses a tampered parameter after signing', async () => {
    const callSid = newSid('CA');
    const signed = await import('../support/twilio.js').then((m) =>
      m.twilioSignature(TEST_TWILIO.TWILIO_AUTH_TOKEN, `${PUBLIC}/webhooks/twilio/voice`, { CallSid: callSid, From: '+84912345678' }),
    );
    const r = await post('/webhooks/twilio/voice', { CallSid: callSid, From: '+84900000000' }, { signature: signed });
    expect(r.status).to.equal(403);
    expect(await contactsBySid(callSid)).to.have.length(0);
  });

  it("never makes a second contact from Twilio's retries of one CallSid", async () => {
    const callSid = newSid('CA');
    const params = { CallSid: callSid, From: '+84911111111', CallStatus: 'ringing' };
    const results = await Promise.all([1, 2, 3].map(() => post('/webhooks/twilio/voice', params)));
    expect(results.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(await contactsBySid(callSid)).to.have.length(1);
  });

  it('records call status: completed with its duration, ending the call (a call nobody answered is called back)', async () => {
    const callSid = newSid('CA');
    await post('/webhooks/twilio/voice', { CallSid: callSid, From: '+84911112222', CallStatus: 'ringing' });
    const r = await post('/webhooks/twilio/voice/status', { CallSid: callSid, CallStatus: 'completed', CallDuration: '95' });
    expect(r.status).to.equal(204);
    const [row] = await contactsBySid(callSid);
    expect(row).to.include({ call_status: 'completed', duration_seconds: 95 });
    expect(row!.ended_at).to.be.instanceOf(Date);
    const cb = await testEnv().db.selectFrom('callbacks').select('reason').where('contact_id', '=', row!.id).executeTakeFirst();
    expect(cb).to.deep.equal({ reason: 'abandoned_queue' });
  });

  it('joins messages from one sender into their open conversation, ignoring a retried MessageSid', async () => {
    const from = '+84933333333';
    const first = newSid('SM');
    await post('/webhooks/twilio/messaging', { MessageSid: first, From: from, Body: 'Em cần giúp đỡ' });
    await post('/webhooks/twilio/messaging', { MessageSid: first, From: from, Body: 'Em cần giúp đỡ' });
    await post('/webhooks/twilio/messaging', { MessageSid: newSid('SM'), From: from, Body: 'Em đang ở Campuchia' });
    const { db } = testEnv();
    const convs = await db.selectFrom('contacts').select(['id', 'channel', 'unread_messages']).where('caller_phone_hash', '=', phoneHash(from)).where('channel', '=', 'sms').execute();
    expect(convs).to.have.length(1);
    expect(convs[0]!.unread_messages).to.equal(2);
    const msgs = await db.selectFrom('contact_messages').select('id').where('contact_id', '=', convs[0]!.id).execute();
    expect(msgs).to.have.length(2);
  });

  it('makes one conversation from concurrent first messages and concurrent retries, counting each message once', async () => {
    const from = '+84933330001';
    const sids = [newSid('SM'), newSid('SM'), newSid('SM')];
    const results = await Promise.all([...sids, sids[0]!, sids[0]!, sids[1]!].map((sid) => post('/webhooks/twilio/messaging', { MessageSid: sid, From: from, Body: 'alo' })));
    expect(results.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
    const { db } = testEnv();
    const convs = await db.selectFrom('contacts').select(['id', 'unread_messages']).where('caller_phone_hash', '=', phoneHash(from)).execute();
    expect(convs).to.have.length(1);
    expect(convs[0]!.unread_messages).to.equal(3);
    const msgs = await db.selectFrom('contact_messages').select('twilio_sid').where('contact_id', '=', convs[0]!.id).execute();
    expect(msgs.map((m) => m.twilio_sid).sort()).to.deep.equal([...sids].sort());
  });

  it('opens a WhatsApp conversation apart from the same number on SMS', async () => {
    await post('/webhooks/twilio/messaging', { MessageSid: newSid('SM'), From: 'whatsapp:+84944444444', Body: 'xin chào' });
    await post('/webhooks/twilio/messaging', { MessageSid: newSid('SM'), From: '+84944444444', Body: 'xin chào' });
    const rows = await testEnv().db.selectFrom('contacts').select('channel').where('caller_phone_hash', '=', phoneHash('+84944444444')).execute();
    expect(rows.map((r) => r.channel).sort()).to.deep.equal(['sms', 'whatsapp']);
  });

  it('refuses a webhook missing its CallSid with 400 and stores nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from contacts`.execute(testEnv().db);
    const r = await post('/webhooks/twilio/voice', { From: '+84912345678' });
    expect(r.status).to.equal(400);
    expect(r.text).to.include('CallSid');
    const after = await sql<{ n: number }>`select count(*)::int as n from contacts`.execute(testEnv().db);
    expect(after.rows[0]!.n).to.equal(before.rows[0]!.n);
  });

  it('refuses a body over 64 KiB with 413 before reading it, storing nothing', async () => {
    const callSid = newSid('CA');
    const r = await post('/webhooks/twilio/voice', { CallSid: callSid, From: '+84912345678', Padding: 'x'.repeat(70 * 1024) });
    expect(r.status).to.equal(413);
    expect(JSON.parse(r.text).error.fields).to.have.property('body');
    expect(await contactsBySid(callSid)).to.have.length(0);
  });

  it('leaves other methods and unknown webhook paths to the API, which answers 404', async () => {
    const get = await fetch(`${app.baseUrl}/webhooks/twilio/voice`);
    expect(get.status).to.equal(404);
    const unknown = await post('/webhooks/twilio/fax', { CallSid: newSid('CA') });
    expect(unknown.status).to.equal(404);
    expect(JSON.parse(unknown.text).error.code).to.equal('not_found');
  });

  it('announces a new call to every operator console, without the number', async () => {
    const [a, b] = await Promise.all([createTestUser('operator'), createTestUser('supervisor')]);
    const sockets = await Promise.all([a, b].map(async (u) => readySocket(app.baseUrl, await loginAs(app.baseUrl, u.username, u.password))));
    const callSid = newSid('CA');
    const heard = sockets.map((s) => contactChange(s, (c) => c.kind === 'created' && c.contact.channel === 'voice'));
    await post('/webhooks/twilio/voice', { CallSid: callSid, From: '+84955555555', CallStatus: 'ringing' });
    const events = await Promise.all(heard);
    for (const e of events) {
      expect(e).to.include({ channel: 'voice', status: 'queued', callerMasked: '•••• 555' });
      expect(JSON.stringify(e)).not.to.include('955555555');
    }
    sockets.forEach((s) => s.disconnect());
    expect(ROOMS.operators).to.equal('operators');
  });
});

describe('Twilio webhooks without Twilio configured', () => {
  it('are refused (403): nobody could have signed them', async () => {
    const app = await startTestApp();
    try {
      const r = await signedTwilioPost(app.baseUrl, '/webhooks/twilio/voice', { CallSid: newSid('CA') });
      expect(r.status).to.equal(403);
    } finally {
      await app.close();
    }
  });
});
