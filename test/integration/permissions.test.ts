import { expect } from 'chai';
import type { Role } from '../../shared/index.js';
import { apiRouteDefs } from '../../server/http/api.js';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';

/** Every declared API route is checked against every role: the rule each states is the rule it enforces. */
describe('permissions: every route states who may call it', () => {
  let app: TestApp;
  const cookies = {} as Record<Role, string>;
  before(async () => {
    app = await startTestApp();
    const agency = await createTestAgency();
    for (const role of ['operator', 'supervisor', 'agency_officer', 'admin'] as Role[]) {
      const u = await createTestUser(role, role === 'agency_officer' ? agency.id : null);
      cookies[role] = await loginAs(app.baseUrl, u.username, u.password);
    }
  });
  after(async () => app.close());

  const concrete = (path: string) => `/api${path.replace(/:[a-zA-Z]+/g, '999999')}`;

  it('declares a rule for every route', () => {
    const defs = apiRouteDefs(app.ctx);
    expect(defs.length).to.be.greaterThan(5);
    for (const d of defs) expect(d.allow, `${d.method} ${d.path}`).to.be.an('object').that.is.not.empty;
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const d of apiRouteDefs(app.ctx).filter((d) => !('public' in d.allow))) {
      const r = await api(app.baseUrl, d.method.toUpperCase(), concrete(d.path), { body: d.method === 'get' ? undefined : {} });
      expect(r.status, `${d.method} ${d.path}`).to.equal(401);
    }
  });

  it('refuses each role the routes it is not listed for (403), before reading the body', async () => {
    let checked = 0;
    for (const d of apiRouteDefs(app.ctx)) {
      if (!('roles' in d.allow)) continue;
      for (const role of Object.keys(cookies) as Role[]) {
        if (d.allow.roles.includes(role)) continue;
        const r = await api(app.baseUrl, d.method.toUpperCase(), concrete(d.path), {
          cookie: cookies[role],
          body: d.method === 'get' ? undefined : {},
        });
        expect(r.status, `${role} ${d.method} ${d.path}`).to.equal(403);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(5);
  });

  it('answers an undeclared API path with 404, even for an admin', async () => {
    const r = await api(app.baseUrl, 'GET', '/api/admin/secrets', { cookie: cookies.admin });
    expect(r.status).to.equal(404);
  });

  it('lets an agency officer reach nothing of the admin API', async () => {
    for (const path of ['/api/admin/users', '/api/admin/agencies']) {
      expect((await api(app.baseUrl, 'GET', path, { cookie: cookies.agency_officer })).status).to.equal(403);
    }
  });
});
