import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { startHttpServer, type RunningServer } from '../../server/http-server.js';
import { createLogger } from '../../server/logger.js';
import { requestRedis } from '../../server/bootstrap/redis-clients.js';
import { createQueues } from '../../server/queues.js';
import { THROTTLE_UNAVAILABLE } from '../../server/domain/auth/login-throttle.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';
import { incomingCall, PUBLIC_URL, traffickingWrapUp } from '../support/contacts.js';
import { ensureDemoData } from '../support/demo-data.js';
import { api, baseContext, createTestUser, loginAs } from '../support/http.js';
import { IN_VI_XUYEN, referralsOf } from '../support/referrals.js';
import { privateRedisServer } from '../support/redis-server.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

/** What `fn` answered and how long it took. */
async function timed<T>(fn: () => Promise<T>): Promise<{ r: T; ms: number }> {
  const t = Date.now();
  const r = await fn();
  return { r, ms: Date.now() - t };
}

describe('Redis down: requests answer at once, the outbox routes the case once Redis is back', function () {
  this.timeout(120_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let redisServer: Awaited<ReturnType<typeof privateRedisServer>>;
  let redis: Redis;
  let server: RunningServer & { ctx: ReturnType<typeof baseContext> };
  let workers: RunningWorkers;
  let base: string;

  before(async () => {
    scratch = await scratchDatabase();
    await ensureDefaultRules(scratch.db);
    await ensureDemoData(scratch.db);
    redisServer = await privateRedisServer();
    // The process's own request-path client, as start-up makes it (fails fast), on this test's Redis.
    redis = requestRedis(redisServer.url, 1000);
    await redis.connect();
    const config = { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, OUTBOUND_SMS: 'outbox', SLA_RECONCILE_SECONDS: '1', REDIS_URL: redisServer.url };
    const quiet = createLogger('test', { level: 'silent' }); // the workers log every refused reconnection
    const ctx = { ...baseContext(undefined, config, scratch.db, { log: quiet }), redis };
    ctx.queues = createQueues(redis, ctx.config.REDIS_PREFIX);
    server = await startHttpServer(ctx, { clientDist: '/nonexistent' });
    base = `http://127.0.0.1:${server.port}`;
    workers = await startWorkers(server.ctx);
  });
  after(async () => {
    await workers?.close();
    await server?.close();
    await server?.ctx.queues.close().catch(() => {});
    redis?.disconnect();
    await redisServer?.stop();
    await scratch?.drop();
  });

  /** A claimed call of a fresh operator: what a wrap-up needs. */
  async function claimedCall() {
    const op = await createTestUser('operator', null, scratch.db);
    const cookie = await loginAs(base, op.username, op.password);
    const call = await incomingCall(base, undefined, scratch.db);
    expect((await api(base, 'POST', `/api/contacts/${call.id}/claim`, { cookie })).status).to.equal(200);
    return { op, cookie, call };
  }

  it('wraps up, takes a call and says 503 to a login within 2 s; /readyz says Redis is down; the case is routed after', async () => {
    const { op, cookie, call } = await claimedCall();
    await redisServer.down();

    const wrapUp = await timed(() => api(base, 'POST', `/api/contacts/${call.id}/wrap-up`, { cookie, body: traffickingWrapUp(IN_VI_XUYEN) }));
    expect(wrapUp.r.status, JSON.stringify(wrapUp.r.body)).to.equal(200);
    expect(wrapUp.ms, 'wrap-up').to.be.below(2000);

    const login = await timed(() => api(base, 'POST', '/api/auth/login', { body: { username: op.username, password: op.password } }));
    expect(login.r.status).to.equal(503);
    expect(login.r.body.error).to.deep.equal({ code: 'unavailable', message: THROTTLE_UNAVAILABLE });
    expect(login.ms, 'login').to.be.below(2000);

    const another = await timed(() => incomingCall(base, undefined, scratch.db)); // Twilio's webhook is stored too
    expect(another.ms, 'voice webhook').to.be.below(2000);

    const ready = await timed(() => api(base, 'GET', '/readyz'));
    expect(ready.r.status).to.equal(503);
    expect(ready.r.body).to.include({ status: 'not_ready', postgres: 'ok' });
    expect(ready.r.body.redis).to.match(/^unreachable/);
    expect(ready.ms, '/readyz').to.be.below(2500);
    expect(await referralsOf(server as never, call.id)).to.deep.equal([]);

    // Redis comes back, empty: the workers reconnect, put their schedules back, and the outbox relay sends the job.
    await redisServer.up();
    await until(async () => (await referralsOf(server as never, call.id)).length > 0, 60_000);
    expect((await api(base, 'GET', '/readyz')).status).to.equal(200);
    expect((await api(base, 'POST', '/api/auth/login', { body: { username: op.username, password: op.password } })).status).to.equal(200);
  });

  it('does the same when Redis hangs (connected, answering nothing): the command timeout bounds every wait', async () => {
    const { op, cookie, call } = await claimedCall();
    redisServer.freeze(true);
    try {
      const wrapUp = await timed(() => api(base, 'POST', `/api/contacts/${call.id}/wrap-up`, { cookie, body: traffickingWrapUp(IN_VI_XUYEN) }));
      expect(wrapUp.r.status, JSON.stringify(wrapUp.r.body)).to.equal(200);
      expect(wrapUp.ms, 'wrap-up').to.be.below(2000);
      const login = await timed(() => api(base, 'POST', '/api/auth/login', { body: { username: op.username, password: op.password } }));
      expect(login.r.status).to.equal(503);
      expect(login.ms, 'login').to.be.below(2000);
      const ready = await timed(() => api(base, 'GET', '/readyz'));
      expect(ready.r.body).to.include({ status: 'not_ready', postgres: 'ok' });
      expect(ready.ms, '/readyz').to.be.below(2500);
    } finally {
      redisServer.freeze(false);
    }
    await until(async () => (await referralsOf(server as never, call.id)).length > 0, 60_000);
  });
});
