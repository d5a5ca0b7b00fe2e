import { expect } from 'chai';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('auth: login, session and logout', () => {
  let app: TestApp;
  before(async () => (app = await startTestApp()));
  after(async () => app.close());

  // Failed logins count per address too: each test that fails on purpose comes from its own address.
  let n = 0;
  const elsewhere = () => ({ 'x-forwarded-for': `198.51.100.${++n}` });

  const sessionCount = async () =>
    Number((await testEnv().db.selectFrom('sessions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('logs in with an httpOnly SameSite cookie and answers /me', async () => {
    const u = await createTestUser('operator');
    const res = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: u.password }),
    });
    expect(res.status).to.equal(200);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).to.match(/h111_sid=[^;]{40,};/);
    expect(setCookie).to.match(/HttpOnly/i);
    expect(setCookie).to.match(/SameSite=Lax/i);
    const body = (await res.json()) as any;
    expect(body.user).to.include({ username: u.username, role: 'operator', agencyId: null });
    expect(body.user).not.to.have.property('password_hash');

    const cookie = setCookie.split(';')[0]!;
    const me = await api(app.baseUrl, 'GET', '/api/auth/me', { cookie });
    expect(me.status).to.equal(200);
    expect(me.body.user.id).to.equal(u.id);
  });

  it('stores only a keyed hash of the session token', async () => {
    const u = await createTestUser('supervisor');
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const token = cookie.split('=')[1]!;
    const rows = await testEnv().db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
    expect(rows).to.have.length(1);
    expect(rows[0]!.id).not.to.equal(token);
    expect(rows[0]!.id).to.match(/^[0-9a-f]{64}$/);
  });

  it('answers a wrong password and an unknown user with the same generic 401', async () => {
    const u = await createTestUser('operator');
    const wrong = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: 'nope-nope-nope' }, headers: elsewhere() });
    const unknown = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: 'no-such-person', password: 'nope-nope-nope' }, headers: elsewhere() });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.body.error.message).to.equal('wrong username or password');
  });

  it('delays an account after repeated failures (429 with a short Retry-After) instead of locking it', async () => {
    const u = await createTestUser('operator');
    for (let i = 0; i < 5; i++) {
      const r = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: `wrong-${i}-xxxx` }, headers: elsewhere() });
      expect(r.status).to.equal(401);
    }
    const first = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: 'wrong-again-xx' }, headers: elsewhere() });
    expect(first.status, 'one attempt per delay window still gets through').to.equal(401);
    const delayed = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password }, headers: elsewhere() });
    expect(delayed.status).to.equal(429);
    expect(Number(delayed.headers.get('retry-after'))).to.be.within(1, 60);
  });

  it('refuses with 429 after repeated failures from one address across accounts', async () => {
    const ip = '203.0.113.7';
    // The tests' TRUST_PROXY is loopback, so X-Forwarded-For from the test client (on loopback) sets req.ip.
    for (let i = 0; i < 50; i++) {
      const r = await api(app.baseUrl, 'POST', '/api/auth/login', {
        body: { username: `ghost-${i}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': ip },
      });
      expect(r.status).to.equal(401);
    }
    const u = await createTestUser('operator');
    const blocked = await api(app.baseUrl, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password },
      headers: { 'x-forwarded-for': ip },
    });
    expect(blocked.status).to.equal(429);
  });

  it('answers malformed JSON and schema failures with 400 naming the field, writing nothing', async () => {
    const before = await sessionCount();
    const malformed = await api(app.baseUrl, 'POST', '/api/auth/login', { body: '{"username": "a",' });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.fields).to.have.property('body');
    const missing = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: 'someone' } });
    expect(missing.status).to.equal(400);
    expect(missing.body.error.fields).to.have.property('password');
    expect(await sessionCount()).to.equal(before);
  });

  it('refuses a state change that is not JSON or comes from another origin', async () => {
    const form = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=a&password=b',
    });
    expect(form.status).to.equal(400);
    const cross = await api(app.baseUrl, 'POST', '/api/auth/login', {
      body: { username: 'a', password: 'b' },
      headers: { origin: 'https://evil.example' },
    });
    expect(cross.status).to.equal(403);
  });

  it('logs out: the cookie no longer works', async () => {
    const u = await createTestUser('admin');
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const out = await api(app.baseUrl, 'POST', '/api/auth/logout', { cookie });
    expect(out.status).to.equal(204);
    expect((await api(app.baseUrl, 'GET', '/api/auth/me', { cookie })).status).to.equal(401);
  });

  it('refuses a disabled account with the generic 401', async () => {
    const u = await createTestUser('operator');
    await testEnv().db.updateTable('users').set({ active: false }).where('id', '=', u.id).execute();
    const r = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password }, headers: elsewhere() });
    expect(r.status).to.equal(401);
  });

  it('audits logins and failures, and the audit log refuses changes', async () => {
    const u = await createTestUser('operator');
    await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: 'wrong-password' }, headers: elsewhere() });
    await loginAs(app.baseUrl, u.username, u.password);
    const { db } = testEnv();
    const rows = await db.selectFrom('audit_log').select(['action', 'ip']).where('entity_id', '=', String(u.id)).orderBy('id').execute();
    expect(rows.map((r) => r.action)).to.deep.equal(['auth.login_failed', 'auth.login']);
    expect(rows[1]!.ip).to.be.a('string');
    // The trigger refuses even the owner (the app role may not try at all: db-roles.test.ts).
    const { owner } = testEnv();
    let refused: unknown = null;
    try {
      await owner.updateTable('audit_log').set({ action: 'tampered' }).where('entity_id', '=', String(u.id)).execute();
    } catch (e) {
      refused = e;
    }
    expect(String(refused)).to.match(/append-only/);
    let deleteRefused: unknown = null;
    try {
      await owner.deleteFrom('audit_log').where('entity_id', '=', String(u.id)).execute();
    } catch (e) {
      deleteRefused = e;
    }
    expect(String(deleteRefused)).to.match(/append-only/);
  });

  it('binds an agency officer to an agency in the session', async () => {
    const agency = await createTestAgency();
    const u = await createTestUser('agency_officer', agency.id);
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const me = await api(app.baseUrl, 'GET', '/api/auth/me', { cookie });
    expect(me.body.user).to.include({ role: 'agency_officer', agencyId: agency.id, agencyName: `Agency ${agency.code}` });
  });
});
