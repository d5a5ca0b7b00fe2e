import { expect } from 'chai';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { insertCalls, receiveInboundMessages, type InboundCall, type InboundMessage } from '../../server/domain/contacts/intake-writes.js';
import { testEnv } from '../support/test-env.js';
import { newSid } from '../support/twilio.js';

/** The set-based webhook writes (one statement per batch), on real PostgreSQL. */
describe('intake batches: calls and messages stored many to a statement', () => {
  const crypto = () => createFieldCrypto(testEnv().config.DATA_KEY);
  const caller = (phone: string | null) => ({
    phoneEnc: phone ? crypto().encrypt(phone) : null,
    phoneHash: phone ? crypto().lookupHash(phone) : null,
    masked: phone ? `•••• ${phone.slice(-3)}` : null,
  });
  const call = (phone: string | null, sid = newSid('CA')): InboundCall => ({ twilioSid: sid, ...caller(phone), receivedAt: new Date(), callStatus: 'ringing' });
  const message = (phone: string | null, sid = newSid('SM')): InboundMessage => ({
    channel: 'sms', twilioSid: sid, ...caller(phone), receivedAt: new Date(), bodyEnc: crypto().encrypt('alo'),
  });

  it('stores a batch of calls, answering each with its summary; retries (in the batch or stored before) come back null', async () => {
    const { db } = testEnv();
    const a = '+84970000001';
    const [earlier] = await insertCalls(db, [call(a)]);
    expect(earlier!.repeatCount).to.equal(0);
    const second = call(a);
    const batch = [second, call(a), { ...second }, call(a, (await db.selectFrom('contacts').select('twilio_sid').where('id', '=', earlier!.id).executeTakeFirstOrThrow()).twilio_sid!), call('+84970000002'), call(null)];
    const out = await insertCalls(db, batch);
    expect(out.map((s) => (s ? s.repeatCount : null))).to.deep.equal([1, 2, null, null, 0, 0]);
    expect(out[0]!.id).to.be.above(earlier!.id);
    expect(out[1]!.id).to.be.above(out[0]!.id);
    expect(out[0]).to.include({ channel: 'voice', status: 'queued', callerMasked: '•••• 001', callStatus: 'ringing' });
    const stored = await db.selectFrom('contacts').select('twilio_sid').where('twilio_sid', 'in', batch.map((c) => c.twilioSid)).execute();
    expect(stored).to.have.length(5);
  });

  it('joins each message of a batch to its own conversation, opening the missing ones', async () => {
    const { db } = testEnv();
    const c = '+84970000010';
    const [opened] = await receiveInboundMessages(db, [message(c)]);
    expect(opened).to.include({ created: true });
    expect(opened!.summary.unreadMessages).to.equal(1);
    const storedSid = newSid('SM');
    await receiveInboundMessages(db, [message('+84970000011', storedSid)]);
    const twice = message('+84970000012');
    const batch = [message(c), message('+84970000013'), message(null), message(null), message('+84970000014', storedSid), twice, { ...twice }];
    const out = await receiveInboundMessages(db, batch);
    expect(out.map((m) => (m ? [m.created, m.summary.unreadMessages] : null))).to.deep.equal([
      [false, 2], [true, 1], [true, 1], [true, 1], null, [true, 1], null,
    ]);
    expect(out[0]!.summary.id).to.equal(opened!.summary.id);
    expect(out[2]!.summary.id, 'a withheld number always opens its own conversation').to.not.equal(out[3]!.summary.id);
    for (const [k, m] of out.entries()) {
      if (!m) continue;
      const row = await db.selectFrom('contact_messages').select(['contact_id', 'twilio_sid']).where('id', '=', m.messageId).executeTakeFirstOrThrow();
      expect(row).to.deep.equal({ contact_id: m.summary.id, twilio_sid: batch[k]!.twilioSid });
    }
    // One row per sid: the retry of storedSid added nothing to the row stored before, and `twice` is stored once.
    const messages = await db.selectFrom('contact_messages').select('twilio_sid').where('twilio_sid', 'in', batch.map((m) => m.twilioSid)).execute();
    expect(messages.map((m) => m.twilio_sid).sort()).to.deep.equal([...new Set(batch.map((m) => m.twilioSid))].sort());
  });

  it('counts a new conversation opened in the same batch as an earlier call from that number as a repeat', async () => {
    const { db } = testEnv();
    const d = '+84970000020';
    await insertCalls(db, [call(d)]);
    const [sms, whatsapp] = await receiveInboundMessages(db, [message(d), { ...message(d), channel: 'whatsapp' }]);
    expect([sms!.summary.repeatCount, whatsapp!.summary.repeatCount]).to.deep.equal([1, 2]);
  });
});
