import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { JOB_IDS } from '../../shared/index.js';
import { systemClock, type AppContext } from '../../server/app-context.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { DEFAULT_SLA_POLICIES } from '../../server/domain/sla/default-policies.js';
import { savePolicy } from '../../server/domain/sla/policies.repo.js';
import { tickBucket } from '../../server/domain/sla/sla-timers.js';
import { createLogger } from '../../server/logger.js';
import { createQueues } from '../../server/queues.js';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';
import { createTestUser, type TestApp } from '../support/http.js';
import { privateRedisServer } from '../support/redis-server.js';
import { classifiedCase, IN_VI_XUYEN } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { clocksOf } from '../support/sla.js';
import { testConfig } from '../support/test-env.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';
import { trainingVoice } from '../../server/domain/voice/voice-port.js';

/**
 * Real BullMQ timers on a Redis server of this test's own, so that FLUSHALL wipes exactly what production would
 * lose if its Redis restarted empty (ours keeps nothing on disk).
 */
describe('SLA timers: real delayed jobs, and recovery after Redis loses everything', function () {
  this.timeout(90_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof privateRedisServer>>;
  let ctx: AppContext;
  let workers: RunningWorkers | null = null;

  before(async () => {
    ({ scratch, app } = await startDemoApp());
    redis = await privateRedisServer();
    const config = testConfig({
      REDIS_URL: redis.url, REDIS_PREFIX: 'sla', SLA_RECONCILE_SECONDS: '1', SLA_TIMER_HORIZON_MINUTES: '1',
      OUTBOUND_SMS: 'outbox', JOB_LOCK_SECONDS: '2', ...TEST_TWILIO,
    });
    ctx = {
      config, db: scratch.db, redis: redis.client, queues: createQueues(redis.client, 'sla'), crypto: createFieldCrypto(config.DATA_KEY), voice: trainingVoice,
      log: createLogger('sla-test', { silent: true }), clock: systemClock,
      realtime: { emit: () => {}, endSessions: () => {}, presenceChanged: () => {} },
    };
  });
  after(async () => {
    await workers?.close();
    await ctx?.queues.close();
    await redis?.stop();
    await app?.close();
    await scratch?.drop();
  });

  /** Acknowledge targets of a few seconds, so that real timers fire within the test. */
  async function ackTarget(seconds: number) {
    const admin = await createTestUser('admin', null, scratch.db);
    const p = structuredClone(DEFAULT_SLA_POLICIES.trafficking);
    p.targets.acknowledge = { value: seconds / 60, unit: 'minutes' };
    await savePolicy(scratch.db, 'trafficking', p, admin.id, new Date());
  }

  /** Classified through the HTTP app; routed on the private-Redis context, as the routing worker would. */
  async function routedCase(): Promise<number> {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await referralsServiceFor(ctx).routeContact(contactId);
    return id!;
  }

  const ackOf = async (id: number) => (await clocksOf(app, id)).acknowledge!;
  const timerExists = async (at: Date) => (await ctx.queues.sla.getJob(JOB_IDS.slaTick(tickBucket(at)))) != null;

  it('breaches on its own through a delayed job, without anyone polling', async () => {
    await ackTarget(3);
    workers = await startWorkers(ctx);
    const id = await routedCase();
    const ack = await ackOf(id);
    expect(await timerExists(ack.next_at!)).to.equal(true); // the warning's timer, 2.25 s after the start
    const breached = await until(async () => {
      const c = await ackOf(id);
      return c.state === 'breached' ? c : null;
    }, 15_000);
    expect(breached.warned_at).to.not.equal(null);
    expect(breached.breached_at! >= breached.due_at).to.equal(true);
  });

  it('removes a clock’s timer when the clock is met', async () => {
    await ackTarget(60);
    const id = await routedCase();
    const ack = await ackOf(id);
    expect(await timerExists(ack.next_at!)).to.equal(true);
    const agencyId = (await scratch.db.selectFrom('referrals').select('agency_id').where('id', '=', id).executeTakeFirstOrThrow()).agency_id!;
    const officer = await createTestUser('agency_officer', agencyId, scratch.db);
    const actor = { user: { id: officer.id, role: 'agency_officer', agencyId } as never, origin: { ip: '127.0.0.1', userAgent: 'test' } };
    await referralsServiceFor(ctx).accept(id, actor);
    expect((await ackOf(id)).state).to.equal('met');
    expect(await timerExists(ack.next_at!)).to.equal(false);
  });

  it('after FLUSHALL with the workers down, a deadline that passed meanwhile still breaches, and later timers are rebuilt', async () => {
    await workers!.close();
    workers = null;
    await ackTarget(2);
    const missed = await routedCase();
    await ackTarget(20);
    const later = await routedCase();
    expect(await redis.client.dbsize()).to.be.greaterThan(0);
    await redis.client.flushall();
    expect(await redis.client.dbsize()).to.equal(0);
    const m = await ackOf(missed);
    await new Promise((r) => setTimeout(r, Math.max(0, m.due_at.getTime() - Date.now()) + 300));
    expect((await ackOf(missed)).state).to.equal('running'); // nobody is watching: Redis is empty and no worker runs

    workers = await startWorkers(ctx); // schedules come back; the reconciler fires the missed deadline
    const fired = await until(async () => {
      const c = await ackOf(missed);
      return c.state === 'breached' ? c : null;
    }, 15_000);
    expect(fired.breached_at! > m.due_at).to.equal(true);
    const l = await ackOf(later);
    expect(l.state).to.equal('running');
    await until(() => timerExists(l.next_at!), 10_000); // the warning's timer, rebuilt from PostgreSQL
    const events = await scratch.db.selectFrom('referral_events').select('type').where('referral_id', '=', missed).where('type', '=', 'sla_breached').execute();
    expect(events).to.have.length(1);
  });

  it('after FLUSHALL while the workers run, the watchdog restores the schedules and deadlines still fire', async () => {
    await ackTarget(4);
    const id = await routedCase();
    await redis.client.flushall();
    expect(await ctx.queues.sla.getJobSchedulers()).to.have.length(0);
    await until(async () => (await ctx.queues.sla.getJobSchedulers()).length > 0, 10_000);
    const c = await until(async () => {
      const k = await ackOf(id);
      return k.state === 'breached' ? k : null;
    }, 15_000);
    expect(c.escalation_level).to.be.greaterThan(0);
  });
});
