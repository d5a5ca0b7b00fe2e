import { expect } from 'chai';
import sinon from 'sinon';
import { callMatcher, problemOf, UNEXPECTED_RING_MS } from '../../client/src/phone/twilio-rules.js';

describe("the softphone answers the leg the server put through, and only that one", () => {
  let clock: sinon.SinonFakeTimers;
  let answered: [string, number][];
  let rejected: string[];
  let m: ReturnType<typeof callMatcher<string>>;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    answered = [];
    rejected = [];
    m = callMatcher<string>((call, contactId) => answered.push([call, contactId]), (call) => rejected.push(call));
  });
  afterEach(() => clock.restore());

  it('answers at once when the server named the leg before it rang', () => {
    m.expect('CA1', 10);
    m.incoming('CA1', 'call-1');
    expect(answered).to.deep.equal([['call-1', 10]]);
  });

  it('answers a leg that rang first as soon as the server names it', () => {
    m.incoming('CA1', 'call-1');
    expect(answered).to.deep.equal([]);
    m.expect('CA1', 10);
    expect(answered).to.deep.equal([['call-1', 10]]);
    clock.tick(UNEXPECTED_RING_MS);
    expect(rejected).to.deep.equal([]); // answered, so never rejected
  });

  it('never answers a call nobody put through, and rejects it after it rang too long', () => {
    m.expect('CA1', 10);
    m.incoming('CA2', 'stranger');
    expect(answered).to.deep.equal([]);
    clock.tick(UNEXPECTED_RING_MS - 1);
    expect(rejected).to.deep.equal([]);
    clock.tick(1);
    expect(rejected).to.deep.equal(['stranger']);
  });

  it('forgets a ringing call that went away: a late word from the server answers nothing', () => {
    m.incoming('CA1', 'call-1');
    m.gone('CA1', 'call-1');
    m.expect('CA1', 10);
    expect(answered).to.deep.equal([]);
    clock.tick(UNEXPECTED_RING_MS);
    expect(rejected).to.deep.equal([]);
  });

  it("explains the SDK's microphone and token errors, and nothing else", () => {
    expect(problemOf({ code: 31401 })).to.equal('microphone');
    expect(problemOf({ code: 31208 })).to.equal('microphone');
    expect(problemOf({ code: 20104 })).to.equal('token');
    expect(problemOf({ code: 31005 })).to.equal(null);
    expect(problemOf(null)).to.equal(null);
  });
});
