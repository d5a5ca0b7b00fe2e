import { expect } from 'chai';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('admin: where an operator takes calls (voiceDevice, voiceAddress)', () => {
  let app: TestApp;
  let admin: { id: number; cookie: string };
  before(async () => {
    app = await startTestApp();
    const u = await createTestUser('admin');
    admin = { id: u.id, cookie: await loginAs(app.baseUrl, u.username, u.password) };
  });
  after(async () => app.close());

  const put = (id: number, body: Record<string, unknown>, cookie = admin.cookie) =>
    api(app.baseUrl, 'PUT', `/api/admin/users/${id}`, { cookie, body: { displayName: 'Tư vấn viên', role: 'operator', agencyId: null, active: true, ...body } });
  const stored = (id: number) =>
    testEnv().db.selectFrom('users').select(['voice_device', 'voice_address']).where('id', '=', id).executeTakeFirstOrThrow();
  const listed = async (id: number) =>
    (await api(app.baseUrl, 'GET', '/api/admin/users', { cookie: admin.cookie })).body.users.find((u: { id: number }) => u.id === id);

  it('sets a desk phone, reads it back in the list, and audits the change without the number', async () => {
    const op = await createTestUser('operator');
    const r = await put(op.id, { voiceDevice: 'phone', voiceAddress: '+84241234567' });
    expect(r.status).to.equal(200);
    expect(r.body.user).to.include({ voiceDevice: 'phone', voiceAddress: '+84241234567' });
    expect(await listed(op.id)).to.include({ voiceDevice: 'phone', voiceAddress: '+84241234567' });
    expect(await stored(op.id)).to.deep.equal({ voice_device: 'phone', voice_address: '+84241234567' });
    const audit = await testEnv().db.selectFrom('audit_log').select('details').where('action', '=', 'user.update')
      .where('entity_id', '=', String(op.id)).executeTakeFirstOrThrow();
    expect((audit.details as { changed: string[] }).changed).to.include.members(['voiceDevice', 'voiceAddress']);
    expect(JSON.stringify(audit.details)).not.to.include('1234567');
  });

  it('refuses a bad number with 400 naming voiceAddress, changing nothing', async () => {
    const op = await createTestUser('operator');
    const r = await put(op.id, { displayName: 'Changed', voiceDevice: 'phone', voiceAddress: '0241234567' });
    expect(r.status).to.equal(400);
    expect(r.body.error.fields).to.have.property('voiceAddress');
    expect(await stored(op.id)).to.deep.equal({ voice_device: 'softphone', voice_address: null });
    expect((await listed(op.id)).displayName).to.equal('Test operator');
  });

  it('takes a SIP address for a supervisor, refuses one that is not sip:, and back to the softphone clears it', async () => {
    const sup = await createTestUser('supervisor');
    const bad = await put(sup.id, { role: 'supervisor', voiceDevice: 'sip', voiceAddress: 'agent7@pbx.example.vn' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields).to.have.property('voiceAddress');
    const sip = await put(sup.id, { role: 'supervisor', voiceDevice: 'sip', voiceAddress: 'sip:agent7@pbx.example.vn' });
    expect(sip.body.user).to.include({ voiceDevice: 'sip', voiceAddress: 'sip:agent7@pbx.example.vn' });
    const back = await put(sup.id, { role: 'supervisor', voiceDevice: 'softphone', voiceAddress: 'sip:agent7@pbx.example.vn' });
    expect(back.body.user).to.include({ voiceDevice: 'softphone', voiceAddress: null });
    expect(await stored(sup.id)).to.deep.equal({ voice_device: 'softphone', voice_address: null });
  });

  it('creates an operator with a desk phone; refuses one for an agency officer or admin, naming voiceDevice', async () => {
    const body = { password: 'a-long-password', displayName: 'X', agencyId: null, voiceDevice: 'phone', voiceAddress: '+84912345678' };
    const created = await api(app.baseUrl, 'POST', '/api/admin/users', { cookie: admin.cookie, body: { ...body, username: `op-${Date.now()}`, role: 'operator' } });
    expect(created.status).to.equal(201);
    expect(created.body.user).to.include({ voiceDevice: 'phone', voiceAddress: '+84912345678' });
    const refused = await api(app.baseUrl, 'POST', '/api/admin/users', { cookie: admin.cookie, body: { ...body, username: `ad-${Date.now()}`, role: 'admin' } });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.fields).to.have.property('voiceDevice');
  });

  it('is for admins only: an operator or supervisor gets 403', async () => {
    const op = await createTestUser('operator');
    for (const role of ['operator', 'supervisor'] as const) {
      const u = await createTestUser(role);
      const r = await put(op.id, { voiceDevice: 'phone', voiceAddress: '+84241234567' }, await loginAs(app.baseUrl, u.username, u.password));
      expect(r.status).to.equal(403);
    }
    expect(await stored(op.id)).to.deep.equal({ voice_device: 'softphone', voice_address: null });
  });
});
