import { expect } from 'chai';
import type { CallOffer, ContactSummary } from '../../shared/index.js';
import { callSeconds, initialPhone, offerSecondsLeft, phoneReducer, type PhoneAction, type PhoneState } from '../../client/src/phone/call-state.js';
import { queueClock, shownCallStatus, talkSeconds } from '../../client/src/operator/queue/call-facts.js';

const run = (...actions: PhoneAction[]): PhoneState => actions.reduce(phoneReducer, initialPhone);
const offer = (offerId: number, contactId: number): CallOffer => ({
  offerId, contactId, expiresAt: '2026-11-23T02:00:15.000Z', training: false, contact: { id: contactId, repeatCount: 2 } as ContactSummary,
});

describe("the console's phone: offers, the call and its end, whatever order the events arrive in", () => {
  it('rings an offer, and says why it stopped unless this console ended it', () => {
    expect(run({ type: 'offered', offer: offer(1, 10) }).offer?.offerId).to.equal(1);
    const taken = run({ type: 'offered', offer: offer(1, 10) }, { type: 'offer-ended', offerId: 1, contactId: 10, reason: 'taken' });
    expect(taken).to.deep.include({ offer: null, lastOfferEnd: { contactId: 10, reason: 'taken' } });
    for (const reason of ['accepted', 'declined'] as const)
      expect(run({ type: 'offered', offer: offer(1, 10) }, { type: 'offer-ended', offerId: 1, contactId: 10, reason }).lastOfferEnd).to.equal(null);
    // The end of an older offer leaves the one ringing now alone.
    expect(run({ type: 'offered', offer: offer(2, 11) }, { type: 'offer-ended', offerId: 1, contactId: 10, reason: 'expired' }).offer?.offerId).to.equal(2);
  });

  it('connects a Twilio call when the softphone answers it, and runs the timer from then', () => {
    const s = run({ type: 'offered', offer: offer(1, 10) }, { type: 'connecting', contactId: 10, training: false, at: 1000 });
    expect(s.offer).to.equal(null);
    expect(s.call).to.deep.include({ contactId: 10, phase: 'connecting', connectedAt: null });
    const up = phoneReducer(s, { type: 'answered', contactId: 10, at: 5000 });
    expect(up.call).to.deep.include({ phase: 'active', connectedAt: 5000 });
    expect(callSeconds(up.call!, 17_400)).to.equal(12);
  });

  it('puts a training call up at once: there is no audio to wait for', () => {
    expect(run({ type: 'connecting', contactId: 10, training: true, at: 1000 }).call).to.deep.include({ phase: 'active', connectedAt: 1000, training: true });
  });

  it('keeps an ended call ended: a late answer, hold or second end changes nothing, and the timer stops', () => {
    const ended = run(
      { type: 'connecting', contactId: 10, training: false, at: 0 },
      { type: 'answered', contactId: 10, at: 1000 },
      { type: 'held', held: true },
      { type: 'ended', contactId: 10, at: 61_000 },
    );
    expect(ended.call).to.deep.include({ phase: 'ended', held: false, endedAt: 61_000 });
    for (const late of [{ type: 'answered', contactId: 10, at: 70_000 }, { type: 'held', held: true }, { type: 'ended', contactId: 10, at: 99_000 }] as PhoneAction[])
      expect(phoneReducer(ended, late)).to.deep.equal(ended);
    expect(callSeconds(ended.call!, 500_000)).to.equal(60);
  });

  it("ignores another contact's end, and closes an ended callback once its outcome is recorded", () => {
    const dialing = run({ type: 'dialing', contactId: 20, attemptId: 7, training: true });
    expect(phoneReducer(dialing, { type: 'ended', contactId: 21, at: 1 })).to.equal(dialing);
    const recordedLive = phoneReducer(dialing, { type: 'outcome-recorded' });
    expect(recordedLive.call).to.deep.include({ contactId: 20, attemptId: null, phase: 'connecting' });
    const recordedEnded = run({ type: 'dialing', contactId: 20, attemptId: 7, training: true }, { type: 'ended', contactId: 20, at: 1 }, { type: 'outcome-recorded' });
    expect(recordedEnded.call).to.equal(null);
  });

  it('counts an offer down to zero, never below', () => {
    const o = offer(1, 10);
    expect(offerSecondsLeft(o, Date.parse('2026-11-23T02:00:05.200Z'))).to.equal(10);
    expect(offerSecondsLeft(o, Date.parse('2026-11-23T02:01:00Z'))).to.equal(0);
  });
});

describe('what the queue shows of a call: a true status, and how long the caller waited', () => {
  const base = {
    channel: 'voice', status: 'queued', callStatus: 'ringing', endedAt: null, answeredAt: null, waitSeconds: null,
    receivedAt: '2026-11-23T02:00:00Z', claimedAt: null,
  } as const;
  const now = Date.parse('2026-11-23T02:05:00Z');

  it('never shows ringing or in progress after the call ended', () => {
    expect(shownCallStatus({ callStatus: 'ringing', endedAt: '2026-11-23T02:01:00Z' })).to.equal('completed');
    expect(shownCallStatus({ callStatus: 'in-progress', endedAt: '2026-11-23T02:01:00Z' })).to.equal('completed');
    expect(shownCallStatus({ callStatus: 'no-answer', endedAt: '2026-11-23T02:01:00Z' })).to.equal('no-answer');
    expect(shownCallStatus({ callStatus: 'ringing', endedAt: null })).to.equal('ringing');
  });

  it('ticks while waiting, stops at the hang-up of a missed call, and ticks from the claim while handled', () => {
    expect(queueClock(base, now)).to.deep.equal({ kind: 'waiting', seconds: 300 });
    expect(queueClock({ ...base, endedAt: '2026-11-23T02:01:10Z', waitSeconds: 65 }, now)).to.deep.equal({ kind: 'waited', seconds: 65 });
    expect(queueClock({ ...base, endedAt: '2026-11-23T02:01:10Z' }, now)).to.deep.equal({ kind: 'waited', seconds: 70 });
    expect(queueClock({ ...base, status: 'in_progress', claimedAt: '2026-11-23T02:04:00Z' }, now)).to.deep.equal({ kind: 'handling', seconds: 60 });
  });

  it('measures talk time from the answer to the end, or to now while the call goes on', () => {
    const answered = { ...base, answeredAt: '2026-11-23T02:02:00Z' };
    expect(talkSeconds(answered, now)).to.equal(180);
    expect(talkSeconds({ ...answered, endedAt: '2026-11-23T02:03:30Z' }, now)).to.equal(90);
    expect(talkSeconds({ ...base, durationSeconds: 42 }, now)).to.equal(42);
    expect(talkSeconds(base, now)).to.equal(null);
  });
});
