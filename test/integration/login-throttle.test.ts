import { expect } from 'chai';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('login throttling: atomic, per address, and unable to lock an account\'s owner out', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => (app = await startTestApp()));
  after(async () => app.close());

  let n = 0;
  const address = () => `192.0.2.${(++n % 250) + 1}`;
  const attempt = (username: string, password: string, ip: string) =>
    api(app.baseUrl, 'POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
  const passwordChecks = async (userId: number) =>
    (await testEnv().db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login_failed').where('entity_id', '=', String(userId)).execute()).length;

  it('gives 40 guesses sent at once from one address no more password checks than its limit (5)', async () => {
    const u = await createTestUser('operator');
    const ip = address();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(u.username, `wrong-guess-${i}`, ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).to.have.length(5);
    expect(statuses.filter((s) => s === 429)).to.have.length(35);
    expect(await passwordChecks(u.id)).to.equal(5);
  });

  it('gives 40 guesses sent at once from 40 addresses at most the free failures and one more', async () => {
    const u = await createTestUser('operator');
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(u.username, `wrong-guess-${i}`, address())));
    expect(results.filter((r) => r.status === 401).length).to.be.within(5, 6);
    expect(await passwordChecks(u.id)).to.be.within(5, 6);
  });

  it('lets the owner in at once from an address they used, while someone elsewhere keeps guessing', async () => {
    const u = await createTestUser('operator');
    const home = address();
    await loginAs(app.baseUrl, u.username, u.password); // a first login from loopback, then from home:
    expect((await attempt(u.username, u.password, home)).status).to.equal(200);
    for (let i = 0; i < 12; i++) await attempt(u.username, `wrong-guess-${i}`, address());
    const guesser = await attempt(u.username, 'yet-another-guess', address());
    expect(guesser.status).to.equal(429);
    expect(Number(guesser.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await attempt(u.username, u.password, home)).status).to.equal(200);
  });
});

describe('proxy trust is configured, not assumed for loopback', () => {
  for (const [trust, expected] of [['', 'the connection'], ['loopback', 'the forwarded address']] as const) {
    it(`with TRUST_PROXY="${trust}" the audit records ${expected}`, async () => {
      const app = await startTestApp({ config: { TRUST_PROXY: trust } });
      try {
        const u = await createTestUser('operator');
        const r = await api(app.baseUrl, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password }, headers: { 'x-forwarded-for': '203.0.113.77' } });
        expect(r.status).to.equal(200);
        const row = await testEnv().db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').where('entity_id', '=', String(u.id)).executeTakeFirstOrThrow();
        if (trust) expect(row.ip).to.equal('203.0.113.77');
        else expect(row.ip).to.match(/127\.0\.0\.1$/);
      } finally {
        await app.close();
      }
    });
  }
});
