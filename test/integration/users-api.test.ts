import { expect } from 'chai';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { once, socketFor } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';

describe('admin: users API', () => {
  let app: TestApp;
  let admin: { id: number; cookie: string };
  before(async () => {
    app = await startTestApp();
    const u = await createTestUser('admin');
    admin = { id: u.id, cookie: await loginAs(app.baseUrl, u.username, u.password) };
  });
  after(async () => app.close());
  const uniq = () => Math.random().toString(36).slice(2, 8);
  const userCount = async () =>
    Number((await testEnv().db.selectFrom('users').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates an agency officer who can then log in, and audits it', async () => {
    const agency = await createTestAgency();
    const username = `officer-${uniq()}`;
    const r = await api(app.baseUrl, 'POST', '/api/admin/users', {
      cookie: admin.cookie,
      body: { username, password: 'a-long-password', displayName: 'Cán bộ Vị Xuyên', role: 'agency_officer', agencyId: agency.id },
    });
    expect(r.status).to.equal(201);
    expect(r.body.user).to.include({ username, role: 'agency_officer', agencyId: agency.id, active: true });
    expect(r.body.user).not.to.have.property('password');
    await loginAs(app.baseUrl, username, 'a-long-password');
    const audit = await testEnv().db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create')
      .where('entity_id', '=', String(r.body.user.id)).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).to.equal(admin.id);
    expect(JSON.stringify(audit.details)).not.to.include('a-long-password');
  });

  it('refuses bad input with 400 naming each field, creating nothing', async () => {
    const before = await userCount();
    const r = await api(app.baseUrl, 'POST', '/api/admin/users', {
      cookie: admin.cookie,
      body: { username: 'X!', password: 'short', displayName: '', role: 'agency_officer', agencyId: null },
    });
    expect(r.status).to.equal(400);
    expect(r.body.error.fields).to.include.keys('username', 'password', 'displayName', 'agencyId');
    const unknownAgency = await api(app.baseUrl, 'POST', '/api/admin/users', {
      cookie: admin.cookie,
      body: { username: `o-${uniq()}`, password: 'a-long-password', displayName: 'X', role: 'agency_officer', agencyId: 987654 },
    });
    expect(unknownAgency.status).to.equal(400);
    expect(unknownAgency.body.error.fields).to.have.property('agencyId');
    expect(await userCount()).to.equal(before);
  });

  it('refuses a duplicate username with 409', async () => {
    const existing = await createTestUser('operator');
    const r = await api(app.baseUrl, 'POST', '/api/admin/users', {
      cookie: admin.cookie,
      body: { username: existing.username, password: 'a-long-password', displayName: 'Dup', role: 'operator' },
    });
    expect(r.status).to.equal(409);
  });

  it('disabling a user ends their live session and socket at once', async () => {
    const u = await createTestUser('operator');
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const s = socketFor(app.baseUrl, cookie);
    await once(s, 'session:ready');
    const ended = once<any>(s, 'session:ended');
    const r = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, {
      cookie: admin.cookie,
      body: { displayName: 'Gone', role: 'operator', agencyId: null, active: false },
    });
    expect(r.status).to.equal(200);
    expect(r.body.user.active).to.equal(false);
    expect((await ended).reason).to.equal('disabled');
    expect((await api(app.baseUrl, 'GET', '/api/auth/me', { cookie })).status).to.equal(401);
    s.disconnect();
  });

  it('changes a password, and the old one stops working', async () => {
    const u = await createTestUser('supervisor');
    const r = await api(app.baseUrl, 'PUT', `/api/admin/users/${u.id}`, {
      cookie: admin.cookie,
      body: { displayName: 'S', role: 'supervisor', agencyId: null, active: true, password: 'brand-new-password' },
    });
    expect(r.status).to.equal(200);
    await loginAs(app.baseUrl, u.username, 'brand-new-password');
    const old = await api(app.baseUrl, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password },
      headers: { 'x-forwarded-for': '198.51.100.200' },
    });
    expect(old.status).to.equal(401);
  });

  it('will not let an admin remove their own admin access', async () => {
    const r = await api(app.baseUrl, 'PUT', `/api/admin/users/${admin.id}`, {
      cookie: admin.cookie,
      body: { displayName: 'Me', role: 'operator', agencyId: null, active: true },
    });
    expect(r.status).to.equal(400);
  });

  it('answers 404 for an unknown user', async () => {
    const r = await api(app.baseUrl, 'PUT', '/api/admin/users/999999', {
      cookie: admin.cookie,
      body: { displayName: 'N', role: 'operator', agencyId: null, active: true },
    });
    expect(r.status).to.equal(404);
  });

  it('lists users without password hashes', async () => {
    const r = await api(app.baseUrl, 'GET', '/api/admin/users', { cookie: admin.cookie });
    expect(r.status).to.equal(200);
    expect(r.body.users.length).to.be.greaterThan(0);
    expect(JSON.stringify(r.body)).not.to.match(/argon2|password/i);
  });
});
