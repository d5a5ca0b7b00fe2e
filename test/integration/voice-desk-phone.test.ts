import { expect } from 'chai';
import { api, createTestUser, sessionCookie } from '../support/http.js';
import { offered, voiceScenario } from '../support/voice.js';

describe('the phone line: an operator the admin put on a desk phone is rung there', function () {
  this.timeout(30_000);
  const v = voiceScenario();

  it('dials the desk phone set in the admin user form for the operator leg of an accepted call', async () => {
    const admin = await createTestUser('admin', null, v.scratch.db);
    const a = await v.operator();
    const set = await api(v.app.baseUrl, 'PUT', `/api/admin/users/${a.id}`, {
      cookie: await sessionCookie(v.app, admin.id),
      body: { displayName: 'Tư vấn viên', role: 'operator', agencyId: null, voiceDevice: 'phone', voiceAddress: '+84241234567' },
    });
    expect(set.status).to.equal(200);
    await a.status('available');
    const toA = offered(a);
    await v.call();
    const offer = await toA;
    const before = v.twilio.requests.length;
    await a.socket.timeout(5000).emitWithAck('call:accept', { offerId: offer.offerId });
    const leg = v.twilio.requests.slice(before).find((q) => q.uri.endsWith('/Calls.json'))!;
    expect(leg.data.To).to.equal('+84241234567');
  });
});
