import { expect } from 'chai';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('manual intake: an operator who would not be allowed to read the contact is refused before anything is stored', () => {
  let app: TestApp;
  before(async () => (app = await startTestApp()));
  after(async () => app.close());
  const count = async (table: 'contacts' | 'audit_log') =>
    Number((await testEnv().db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers an operator\'s claim:false with 403 naming `claim`, storing no contact and no audit row, however often retried', async () => {
    const op = await createTestUser('operator');
    const cookie = await loginAs(app.baseUrl, op.username, op.password);
    const [contacts, audits] = [await count('contacts'), await count('audit_log')];
    for (let i = 0; i < 3; i++) {
      const r = await api(app.baseUrl, 'POST', '/api/contacts', { cookie, body: { channel: 'walk_in', summary: 'Một em nhỏ đến văn phòng', claim: false } });
      expect(r.status).to.equal(403);
      expect(r.body.error.fields).to.have.property('claim');
    }
    expect(await count('contacts')).to.equal(contacts);
    expect(await count('audit_log')).to.equal(audits);
  });

  it('lets a supervisor log a contact for the queue (claim:false), and an operator log one they claim', async () => {
    const sup = await createTestUser('supervisor');
    const supCookie = await loginAs(app.baseUrl, sup.username, sup.password);
    const queued = await api(app.baseUrl, 'POST', '/api/contacts', { cookie: supCookie, body: { channel: 'email', claim: false } });
    expect(queued.status).to.equal(201);
    expect(queued.body.contact.status).to.equal('queued');
    const op = await createTestUser('operator');
    const claimed = await api(app.baseUrl, 'POST', '/api/contacts', { cookie: await loginAs(app.baseUrl, op.username, op.password), body: { channel: 'walk_in' } });
    expect(claimed.status).to.equal(201);
  });
});
