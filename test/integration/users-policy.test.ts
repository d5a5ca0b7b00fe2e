import { expect } from 'chai';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('admin: password policy and the active flag', () => {
  let app: TestApp;
  let admin: string;
  before(async () => {
    app = await startTestApp();
    const u = await createTestUser('admin');
    admin = await loginAs(app.baseUrl, u.username, u.password);
  });
  after(async () => app.close());
  const uniq = () => Math.random().toString(36).slice(2, 8);
  const create = (password: string, username = `pw-${uniq()}`) =>
    api(app.baseUrl, 'POST', '/api/admin/users', { cookie: admin, body: { username, password, displayName: 'P', role: 'operator' } });
  const exists = async (username: string) => !!(await testEnv().db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());

  for (const weak of ['1234567890', 'password12', 'password1234', 'qwertyqwerty', '!iloveyou2024', '111111111111']) {
    it(`refuses "${weak}" as a new password with a 400 naming the field, creating nobody`, async () => {
      const username = `pw-${uniq()}`;
      const r = await create(weak, username);
      expect(r.status).to.equal(400);
      expect(r.body.error.fields).to.have.property('password');
      expect(await exists(username)).to.equal(false);
    });
  }

  it('accepts a long phrase of one\'s own, and the demo password', async () => {
    expect((await create('correct-horse-battery')).status).to.equal(201);
    expect((await create('hotline111-demo')).status).to.equal(201);
  });

  it('refuses a common password when an administrator changes one, keeping the old', async () => {
    const u = await createTestUser('operator');
    const r = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, {
      cookie: admin, body: { displayName: 'P', role: 'operator', agencyId: null, password: 'Password123!' },
    });
    expect(r.status).to.equal(400);
    expect(r.body.error.fields).to.have.property('password');
    await loginAs(app.baseUrl, u.username, u.password);
  });

  it('keeps a disabled account disabled when an edit leaves `active` out', async () => {
    const u = await createTestUser('operator');
    await testEnv().db.updateTable('users').set({ active: false }).where('id', '=', u.id).execute();
    const r = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, { cookie: admin, body: { displayName: 'Renamed', role: 'operator', agencyId: null } });
    expect(r.status).to.equal(200);
    expect(r.body.user).to.include({ displayName: 'Renamed', active: false });
    const row = await testEnv().db.selectFrom('users').select('active').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.active).to.equal(false);
  });

  it('still enables or disables an account when `active` is sent', async () => {
    const u = await createTestUser('operator');
    const off = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, { cookie: admin, body: { displayName: 'X', role: 'operator', agencyId: null, active: false } });
    expect(off.body.user.active).to.equal(false);
    const on = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, { cookie: admin, body: { displayName: 'X', role: 'operator', agencyId: null, active: true } });
    expect(on.body.user.active).to.equal(true);
  });
});
