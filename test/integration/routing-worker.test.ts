import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { Worker } from 'bullmq';
import { QUEUES, ROOMS } from '../../shared/index.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { startWorkers } from '../../workers/run-workers.js';
import { MAX_ROUTING_SENDS, relayRoutingRequests } from '../../server/domain/routing/routing-outbox.js';
import { incomingCall, PUBLIC_URL } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { routingJobIdOf, routingJobOf } from '../support/outbox.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, referralsOf } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { once, readySocket } from '../support/socket.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

describe('routing worker (BullMQ): from the wrap-up outbox to the agency inbox', function () {
  this.timeout(90_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  // Outbound SMS stay in the local outbox: no test ever reaches for Twilio's real API.
  const config = { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, JOB_LOCK_SECONDS: '2', OUTBOUND_SMS: 'outbox' };

  before(async () => {
    ({ scratch, app } = await startDemoApp(config));
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('routes a classified case through the real worker and tells the agency room through Redis', async () => {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const officer = await officerOf(app, viXuyen.id);
    const inbox = await readySocket(app.baseUrl, officer.cookie);
    const workers = await startWorkers(app.ctx);
    try {
      const arrived = once<any>(inbox, 'referral:created', 15_000);
      const contactId = await classifiedCase(app, IN_VI_XUYEN);
      const event = await arrived; // emitted by the worker process side through the Redis streams emitter
      expect(event.agency.id).to.equal(viXuyen.id);
      const job = await routingJobOf(app.ctx, contactId);
      expect(job?.data).to.deep.equal({ contactId });
      expect(ROOMS.agency(viXuyen.id)).to.equal(`agency:${viXuyen.id}`);
      // The focal points' SMS alert went through the notify worker into the local outbox (OUTBOUND_SMS=outbox),
      // and the supervisor sees it there with the number masked and no victim data.
      await until(async () => {
        const n = await scratch.db.selectFrom('notifications').select('status').where('referral_id', '=', event.id).execute();
        return n.length > 0 && n.every((x) => x.status === 'outbox');
      });
      const sup = await createTestUser('supervisor', null, scratch.db);
      const list = await api(app.baseUrl, 'GET', '/api/supervisor/notifications', { cookie: await loginAs(app.baseUrl, sup.username, sup.password) });
      const alert = list.body.notifications.find((n: any) => n.referralId === event.id);
      expect(alert).to.include({ purpose: 'referral_alert', status: 'outbox', agency: viXuyen.name });
      expect(alert.to).to.match(/^•••• \d{3}$/);
      expect(alert.text).to.include(`LH-${String(contactId).padStart(6, '0')}`);
      expect(alert.text).not.to.include('Campuchia');
    } finally {
      inbox.disconnect();
      await workers.close();
    }
  });

  it('retries a job whose worker died mid-job (after committing), and still makes exactly one referral per track', async () => {
    const contactId = await classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true }); // no worker yet: the job waits
    // A worker that does the real work, commits the referrals, then dies before telling BullMQ it finished:
    // it never completes the job and stops renewing its lock, exactly like a process killed at that moment.
    const referrals = referralsServiceFor(app.ctx);
    let committed!: () => void;
    const didCommit = new Promise<void>((r) => (committed = r));
    const doomed = new Worker(
      QUEUES.routing,
      async (job) => {
        await referrals.routeContact(job.data.contactId);
        committed();
        await new Promise(() => {}); // dies here
      },
      { connection: app.ctx.redis as never, prefix: app.ctx.config.REDIS_PREFIX, lockDuration: 2000, stalledInterval: 2000 },
    );
    await didCommit;
    const firstRound = await referralsOf(app, contactId);
    expect(firstRound.map((r) => r.track).sort()).to.deep.equal(['border_guard', 'police', 'primary']);
    await doomed.close(true); // force: the job stays active with a lock nobody renews
    const survivor = await startWorkers(app.ctx);
    try {
      // BullMQ's stalled-job check hands the job to the surviving worker, which runs it again.
      // Read the job again once it completed: the one read before is a snapshot, without its return value.
      const job = await until(async () => {
        const j = await routingJobOf(app.ctx, contactId);
        return j && (await j.isCompleted()) && routingJobOf(app.ctx, contactId);
      });
      expect(job.returnvalue).to.deep.equal({ created: [] });
      const after = await referralsOf(app, contactId);
      expect(after.map((r) => r.id)).to.deep.equal(firstRound.map((r) => r.id));
    } finally {
      await survivor.close();
    }
  });

  it('fails a job for a contact that is not a case to refer at once (no retries), into the failed list, making nothing', async () => {
    const call = await incomingCall(app.baseUrl, undefined, app.ctx.db); // received, never wrapped up
    const jobId = `route-${call.id}-by-hand`;
    await app.ctx.queues.routing.add('route', { contactId: call.id }, { jobId, attempts: 5 });
    const workers = await startWorkers(app.ctx);
    try {
      await until(async () => (await app.ctx.queues.routing.getJobState(jobId)) === 'failed');
      // Read after it failed (a job read before is a snapshot without the failure).
      const job = (await app.ctx.queues.routing.getJob(jobId))!;
      expect(job.failedReason).to.include('not classified');
      expect(job.attemptsMade).to.equal(1); // 5 attempts allowed, none retried
      expect(await referralsOf(app, call.id)).to.have.length(0);
    } finally {
      await workers.close();
    }
  });

  it('sends a routing job again when Redis lost it (it keeps nothing on disk), and the case is routed once', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN); // its job sent at wrap-up; no worker runs yet
    const first = await routingJobIdOf(scratch.db, contactId);
    expect(first).to.match(new RegExp(`^route-${contactId}-[0-9a-z]+$`)); // the case and the wrap-up's instant: no personal data
    await (await app.ctx.queues.routing.getJob(first))!.remove(); // what an empty Redis after a restart looks like for this case
    const request = () => scratch.db.selectFrom('routing_requests').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    expect(await request()).to.include({ enqueued_at: null, routed_at: null, job_id: null, attempts: 0 });
    const at = (ms: number) => ({ ...app.ctx, clock: { now: () => new Date(Date.now() + ms) } });
    // Within the grace period the relay trusts the wrap-up's own send; after it, the request is sent again, under a new id.
    expect(await relayRoutingRequests(app.ctx)).to.equal(0);
    expect(await relayRoutingRequests(at(11_000))).to.be.greaterThanOrEqual(1);
    const second = (await request()).job_id!;
    expect(second).to.match(new RegExp(`^${first}-r[0-9a-f]{8}$`));
    expect(await app.ctx.queues.routing.getJob(second)).to.not.equal(undefined);
    expect(await request()).to.include({ attempts: 1 });
    // While that job waits, a later look sends nothing.
    expect(await relayRoutingRequests(at(11_000 + 61_000))).to.equal(0);
    expect(await request()).to.include({ job_id: second, attempts: 1 });
    // Lost again: a minute after the last look the relay notices and sends it once more.
    await (await app.ctx.queues.routing.getJob(second))!.remove();
    const later = at(11_000 + 2 * 61_000);
    expect(await relayRoutingRequests(later)).to.be.greaterThanOrEqual(1);
    const third = (await request()).job_id!;
    expect(third).to.not.equal(second);
    const workers = await startWorkers(app.ctx);
    try {
      await until(async () => (await request()).routed_at);
      expect((await referralsOf(app, contactId)).map((r) => r.track)).to.deep.equal(['primary']);
      // Routed: the relay leaves it alone from now on, job or no job.
      expect(await relayRoutingRequests(at(11_000 + 4 * 61_000))).to.equal(0);
      expect((await request()).job_id).to.equal(third);
    } finally {
      await workers.close();
    }
  });

  it('stops sending a request again after MAX_ROUTING_SENDS sends (it stays on the failed-jobs list)', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    await (await routingJobOf(app.ctx, contactId))!.remove();
    await scratch.db.updateTable('routing_requests').set({ attempts: MAX_ROUTING_SENDS }).where('contact_id', '=', contactId).execute();
    const before = await routingJobIdOf(scratch.db, contactId);
    await relayRoutingRequests({ ...app.ctx, clock: { now: () => new Date(Date.now() + 11_000) } });
    expect(await routingJobIdOf(scratch.db, contactId)).to.equal(before);
    expect(await app.ctx.queues.routing.getJob(before)).to.equal(undefined);
    await scratch.db.updateTable('routing_requests').set({ routed_at: new Date() }).where('contact_id', '=', contactId).execute(); // out of the other tests' way
  });
});
