import { expect } from 'chai';
import { operatorIdentity } from '../../server/domain/voice/identity.js';
import { api } from '../support/http.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { once } from '../support/socket.js';
import { offered, offerEnded, silence, voiceScenario, type Operator } from '../support/voice.js';

describe('the phone line: a call is offered to the operator idle longest, and put through on accept', function () {
  this.timeout(30_000);
  const v = voiceScenario();
  const statusOf = (id: number) => v.scratch.db.selectFrom('operator_status').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
  const contact = (id: number) => v.scratch.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  let ops: Operator[] = [];

  /** Operators made available one second apart (the first has been idle longest). */
  async function available(n: number): Promise<Operator[]> {
    const list: Operator[] = [];
    for (let i = 0; i < n; i++) {
      const o = await v.operator();
      await o.status('available');
      v.clock.advance(1000);
      list.push(o);
    }
    return list;
  }

  afterEach(async () => {
    v.close();
    ops = [];
    // Each test starts with an empty line: no waiting call, nobody available.
    await v.scratch.db.updateTable('contacts').set({ status: 'closed', ended_at: new Date() }).where('status', '<>', 'closed').execute();
    await v.scratch.db.updateTable('call_offers').set({ state: 'cancelled' }).where('state', '=', 'ringing').execute();
    await v.scratch.db.updateTable('operator_status').set({ status: 'offline' }).execute();
  });

  it('offers calls in order of idle time, each to one operator, with repeat-caller information', async () => {
    ops = await available(3);
    const [a, b, c] = ops as [Operator, Operator, Operator];
    const toA = offered(a);
    const first = await v.call('+84912000222');
    const offerA = await toA;
    expect(offerA.contactId).to.equal(first.contactId);
    expect(offerA.contact.repeatCount).to.equal(0);
    // Rings for VOICE_OFFER_SECONDS (15 by default) from when it was offered (read back, not the clock now: another
    // test's tick may have moved the hand-driven clock since).
    const stored = await v.scratch.db.selectFrom('call_offers').select(['offered_at', 'expires_at']).where('id', '=', offerA.offerId).executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime() - stored.offered_at.getTime()).to.equal(15_000);
    expect(new Date(offerA.expiresAt).getTime()).to.equal(stored.expires_at.getTime());
    // The same caller again, while the first call still rings: the next operator, told it is a repeat caller.
    const toB = offered(b);
    v.clock.advance(2000);
    const second = await v.call('+84912000222');
    const offerB = await toB;
    expect(offerB.contactId).to.equal(second.contactId);
    expect(offerB.contact.repeatCount).to.equal(1);
    const toC = offered(c);
    const third = await v.call();
    expect((await toC).contactId).to.equal(third.contactId);
    // A fourth call waits: every available operator has a call ringing.
    await v.call();
    await Promise.all([silence(a.socket, 'call:offered'), silence(b.socket, 'call:offered'), silence(c.socket, 'call:offered')]);
    const ringing = await v.scratch.db.selectFrom('call_offers').select(['contact_id', 'operator_id']).where('state', '=', 'ringing').execute();
    expect(ringing.map((r) => `${r.contact_id}:${r.operator_id}`).sort()).to.deep.equal(
      [`${first.contactId}:${a.id}`, `${second.contactId}:${b.id}`, `${third.contactId}:${c.id}`].sort());
  });

  it('moves an unanswered offer to the next operator after the timeout; the first goes to the back of the line', async () => {
    ops = await available(2);
    const [a, b] = ops as [Operator, Operator];
    const toA = offered(a);
    const { contactId } = await v.call();
    const offer = await toA;
    const ended = offerEnded(a);
    const toB = offered(b);
    v.clock.advance(15_001);
    expect(await v.distributor().expireOverdue()).to.equal(1);
    expect(await ended).to.deep.include({ offerId: offer.offerId, reason: 'expired' });
    expect((await toB).contactId).to.equal(contactId);
    expect((await statusOf(a.id)).available_since!.getTime()).to.equal(v.clock.now().getTime());
  });

  it('takes an operator who goes on break mid-offer off the call, which rings for the next', async () => {
    ops = await available(2);
    const [a, b] = ops as [Operator, Operator];
    const toA = offered(a);
    const { contactId } = await v.call();
    const offer = await toA;
    const ended = offerEnded(a);
    const toB = offered(b);
    await a.status('break');
    expect(await ended).to.deep.include({ offerId: offer.offerId, reason: 'declined' });
    expect((await toB).contactId).to.equal(contactId);
    expect((await statusOf(a.id)).status).to.equal('break');
  });

  it('puts an accepted call through: the caller into a recorded conference, the operator softphone rung', async () => {
    ops = await available(1);
    const [a] = ops as [Operator];
    const toA = offered(a);
    const { contactId, callSid } = await v.call();
    const offer = await toA;
    v.clock.advance(4000);
    const connecting = once<{ contactId: number; operatorCallSid: string; training: boolean }>(a.socket, 'call:connecting');
    const before = v.twilio.requests.length;
    const r: any = await a.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId });
    expect(r.data).to.include({ id: contactId, status: 'in_progress', callerPhone: '+84912000111' });
    const sent = v.twilio.requests.slice(before);
    const moved = sent.find((q) => q.uri.endsWith(`/Calls/${callSid}.json`))!;
    expect(moved.data).to.include({ Url: `${PUBLIC_URL}/webhooks/twilio/voice/connect?c=${contactId}`, Method: 'POST' });
    const leg = sent.find((q) => q.uri.endsWith('/Calls.json'))!;
    expect(leg.data).to.include({ To: `client:${operatorIdentity(v.app.ctx.config.SESSION_SECRET, a.id)}`, Url: `${PUBLIC_URL}/webhooks/twilio/voice/agent?c=${contactId}` });
    expect(leg.data.From).to.equal('+84240000111');
    expect(await connecting).to.deep.include({ contactId, training: false });
    const c = await contact(contactId);
    expect(c).to.include({ answered_by: a.id, claimed_by: a.id, wait_seconds: 4, call_status: 'in-progress' });
    expect(c.operator_call_sid).to.equal((await connecting).operatorCallSid);
    expect((await statusOf(a.id)).status).to.equal('on_call');
  });

  it('gives a call to exactly one operator when an accept and a claim from the queue race', async () => {
    ops = await available(1);
    const [a] = ops as [Operator];
    const b = await v.operator(); // not available: takes the call from the queue (pull)
    const toA = offered(a);
    const { contactId } = await v.call();
    const offer = await toA;
    const before = v.twilio.requests.filter((q) => q.uri.endsWith('/Calls.json')).length;
    const [accept, claim] = await Promise.all([
      a.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId }) as Promise<any>,
      api(v.app.baseUrl, 'POST', `/api/contacts/${contactId}/claim`, { cookie: b.cookie }),
    ]);
    const winners = [accept.data ? a.id : null, claim.status === 200 ? b.id : null].filter((x) => x != null);
    expect(winners).to.have.length(1);
    expect((await contact(contactId)).claimed_by).to.equal(winners[0]);
    // One operator's phone rang: one operator leg created.
    expect(v.twilio.requests.filter((q) => q.uri.endsWith('/Calls.json')).length - before).to.equal(1);
  });

  it("hands the call back to the queue, with a 503 saying so, when Twilio does not answer the accept", async () => {
    ops = await available(1);
    const [a] = ops as [Operator];
    const toA = offered(a);
    const { contactId } = await v.call();
    const offer = await toA;
    v.twilio.failWith = { statusCode: 500, code: 20500 };
    try {
      const r: any = await a.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId });
      expect(r.error).to.deep.include({ code: 'unavailable' });
    } finally {
      v.twilio.failWith = null;
    }
    expect(await contact(contactId)).to.deep.include({ status: 'queued', claimed_by: null, answered_at: null });
    expect((await statusOf(a.id)).status).to.equal('available');
  });
});
