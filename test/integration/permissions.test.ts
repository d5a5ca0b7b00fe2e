import { expect } from 'chai';
import type { Role } from '../../shared/index.js';
import { apiRouteDefs } from '../../server/http/api.js';
import { declaredSocketEvents } from '../../server/realtime/socket-ack.js';
import { api, createTestAgency, createTestUser, loginAs, sessionCookie, startTestApp, type TestApp } from '../support/http.js';
import { once, readySocket } from '../support/socket.js';

/** Every declared API route is checked against every role: the rule each states is the rule it enforces. */
describe('permissions: every route states who may call it', () => {
  let app: TestApp;
  const cookies = {} as Record<Role, string>;
  const users = {} as Record<Role, number>;
  before(async () => {
    app = await startTestApp();
    const agency = await createTestAgency();
    for (const role of ['operator', 'supervisor', 'agency_officer', 'admin'] as Role[]) {
      const u = await createTestUser(role, role === 'agency_officer' ? agency.id : null);
      cookies[role] = await loginAs(app.baseUrl, u.username, u.password);
      users[role] = u.id;
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

  describe('socket events', () => {
    const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'system:ping']);
    /** The events a connected socket listens to (registered per connection), read on the server. */
    async function listened(): Promise<string[]> {
      const s = await readySocket(app.baseUrl, cookies.operator);
      const server = [...app.io.of('/').sockets.values()].find((x) => x.id === s.id)!;
      const names = server.eventNames().map(String).filter((n) => !RESERVED.has(n));
      s.disconnect();
      return names;
    }

    it('declares a role rule for every event a socket listens to', async () => {
      const names = await listened();
      expect(names.length).to.be.greaterThan(5);
      for (const n of names) expect(declaredSocketEvents().get(n), n).to.be.an('array').that.is.not.empty;
    });

    it('refuses each role the events it is not listed for (forbidden), before reading the payload; lets the listed roles past', async () => {
      let checked = 0;
      for (const role of Object.keys(cookies) as Role[]) {
        const s = await readySocket(app.baseUrl, cookies[role]);
        for (const [event, roles] of declaredSocketEvents()) {
          const res: any = await (s.timeout(3000) as any).emitWithAck(event, {});
          if (roles.includes(role)) expect(res.error?.code, `${role} ${event}`).to.not.equal('forbidden');
          else expect(res.error?.code, `${role} ${event}`).to.equal('forbidden');
          checked++;
        }
        s.disconnect();
      }
      expect(checked).to.be.greaterThan(20);
    });

    it('refuses every event, for every role, once the session has ended, and closes the socket (issue 15, finding 6)', async () => {
      for (const role of Object.keys(cookies) as Role[]) {
        for (const event of ['system:ping', ...declaredSocketEvents().keys()]) {
          const s = await readySocket(app.baseUrl, await sessionCookie(app, users[role]));
          const live = (await app.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', users[role]).execute()).map((r) => r.id);
          const mine = [...app.io.of('/').sockets.values()].find((x) => x.id === s.id)!.data.sessionId;
          expect(live).to.include(mine);
          await app.ctx.db.deleteFrom('sessions').where('id', '=', mine).execute();
          const closed = once(s, 'disconnect');
          const res: any = await (s.timeout(3000) as any).emitWithAck(event, {}).catch((e: Error) => ({ timeout: e.message }));
          expect(res.error?.code, `${role} ${event}`).to.equal('unauthenticated');
          await closed;
        }
      }
    });
  });
});
