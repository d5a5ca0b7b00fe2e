import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { Worker } from 'bullmq';
import { sql } from 'kysely';
import { QUEUES } from '../../shared/index.js';
import { insertNotification } from '../../server/domain/notifications/notifications.repo.js';
import { MAX_ROUTING_SENDS, relayRoutingRequests } from '../../server/domain/routing/routing-outbox.js';
import { startWorkers } from '../../workers/run-workers.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { routingJobIdOf, routingJobOf } from '../support/outbox.js';
import { classifiedCase, IN_VI_XUYEN, referralsOf } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

/**
 * Issue 16: a PostgreSQL restore (or a failover to a lagging replica) while Redis keeps its jobs. The database hands
 * out the same contact ids again, and Redis still holds the jobs that routed the cases the restore took back.
 */
describe('outbox after a database restore (Redis kept)', function () {
  this.timeout(120_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  const config = { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, JOB_LOCK_SECONDS: '2', OUTBOUND_SMS: 'outbox' };
  const requests = (ids: number[]) => scratch.db.selectFrom('routing_requests').selectAll().where('contact_id', 'in', ids).orderBy('contact_id').execute();
  const allRouted = async (ids: number[]) => {
    const rows = await requests(ids);
    return rows.length === ids.length && rows.every((r) => r.routed_at);
  };
  const wrapUp = async (n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await classifiedCase(app, IN_VI_XUYEN));
    return ids;
  };

  before(async () => {
    ({ scratch, app } = await startDemoApp(config));
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('routes 8 of 8 new cases within a minute, though their contact ids are those of the cases the restore took back', async () => {
    const workers = await startWorkers(app.ctx);
    const restorePoint = await snapshotDatabase(scratch.owner);
    try {
      const lost = await wrapUp(5);
      await until(() => allRouted(lost), 30_000);
      const oldJobs = await Promise.all(lost.map((id) => routingJobIdOf(scratch.db, id)));
      await restorePoint.restore();
      expect(await requests(lost)).to.have.length(0);

      const started = Date.now();
      const fresh = await wrapUp(8);
      expect(fresh.slice(0, 5)).to.deep.equal(lost); // the sequence handed the same ids out again
      // Redis still holds the jobs of the lost cases, completed: with ids of the contact alone, these were no-ops.
      for (const id of oldJobs) expect(await app.ctx.queues.routing.getJobState(id)).to.equal('completed');
      const newJobs = await Promise.all(fresh.slice(0, 5).map((id) => routingJobIdOf(scratch.db, id)));
      newJobs.forEach((id, i) => expect(id).to.not.equal(oldJobs[i]));

      await until(() => allRouted(fresh), 60_000 - (Date.now() - started));
      expect(Date.now() - started).to.be.below(60_000);
      for (const id of fresh) expect((await referralsOf(app, id)).map((r) => r.track), `case ${id}`).to.deep.equal(['primary']);
    } finally {
      await workers.close();
      await restorePoint.drop();
    }
  });

  it('sends again a request whose job completed before a restore took its referrals back, and makes them once', async () => {
    const cases = await wrapUp(3); // no worker runs: their jobs wait
    const restorePoint = await snapshotDatabase(scratch.owner); // the backup: wrapped up, not routed yet
    const workers = await startWorkers(app.ctx);
    try {
      await until(() => allRouted(cases), 30_000);
      const made = await Promise.all(cases.map((id) => referralsOf(app, id)));
      const firstJobs = await Promise.all(cases.map((id) => routingJobIdOf(scratch.db, id)));
      await restorePoint.restore();
      for (const id of cases) expect(await referralsOf(app, id)).to.have.length(0);
      for (const id of firstJobs) expect(await app.ctx.queues.routing.getJobState(id)).to.equal('completed');
      // The wrap-ups' own sends are spent: only the relay can notice (the scheduled one may run first, either is fine).
      await relayRoutingRequests({ ...app.ctx, clock: { now: () => new Date(Date.now() + 11_000) } });
      await until(() => allRouted(cases), 30_000);
      const rows = await requests(cases);
      rows.forEach((r, i) => expect(r.job_id).to.match(new RegExp(`^${firstJobs[i]}-r[0-9a-f]{8}$`)));
      const again = await Promise.all(cases.map((id) => referralsOf(app, id)));
      again.forEach((refs, i) => expect(refs.map((r) => r.track)).to.deep.equal(made[i]!.map((r) => r.track)));

      // The same case's job run once more (at-least-once delivery) makes nothing twice.
      const dup = `${rows[0]!.job_id}-dup`;
      await app.ctx.queues.routing.add('route', { contactId: cases[0]! }, { jobId: dup });
      await until(async () => (await app.ctx.queues.routing.getJobState(dup)) === 'completed');
      expect((await referralsOf(app, cases[0]!)).map((r) => r.id)).to.deep.equal(again[0]!.map((r) => r.id));
    } finally {
      await workers.close();
      await restorePoint.drop();
    }
  });

  it('lists requests not done 15 minutes on the failed-jobs list, with a reason and no personal data; a retry routes the case', async () => {
    const sup = await createTestUser('supervisor', null, scratch.db);
    const cookie = await loginAs(app.baseUrl, sup.username, sup.password);
    const [contactId] = await wrapUp(1); // no worker runs
    await (await routingJobOf(app.ctx, contactId!))!.remove(); // and Redis lost its job
    await scratch.db.updateTable('routing_requests')
      .set({ created_at: sql`created_at - interval '20 minutes'`, attempts: MAX_ROUTING_SENDS, last_error: 'Connection is closed.' })
      .where('contact_id', '=', contactId!).execute();
    const notificationId = await insertNotification(scratch.db, {
      purpose: 'referral_alert', channel: 'sms', toEnc: app.ctx.crypto.encrypt('+84912345678'), toMasked: '•••• 678', bodyEnc: app.ctx.crypto.encrypt('x'), at: new Date(Date.now() - 20 * 60_000),
    });

    // An earlier send of it failed for good (out of attempts).
    const jobId = await routingJobIdOf(scratch.db, contactId!);
    await app.ctx.queues.routing.add('route', { contactId: contactId! }, { jobId: `${jobId}-boom`, attempts: 1 });
    const failing = new Worker(QUEUES.routing, async () => { throw new Error('boom'); }, { connection: app.ctx.redis as never, prefix: app.ctx.config.REDIS_PREFIX });
    await until(async () => (await app.ctx.queues.routing.getJobState(`${jobId}-boom`)) === 'failed');
    await failing.close();

    const r = await api(app.baseUrl, 'GET', '/api/supervisor/failed-jobs', { cookie });
    expect(r.status).to.equal(200);
    expect(r.body.jobs.find((j: any) => j.id === `${jobId}-boom`)).to.deep.include({ queue: 'routing', failedReason: 'boom' });
    const stuck = r.body.jobs.find((j: any) => j.queue === 'routing' && j.id === jobId);
    expect(stuck).to.deep.include({ name: 'route', data: { contactId }, stuck: true, retryable: true, attemptsMade: MAX_ROUTING_SENDS });
    expect(stuck.failedReason).to.match(/^case not routed 2\d min after the wrap-up; the relay gave up after 10 sends: retry it; its job is missing from Redis \(last error: Connection is closed\.\)$/);
    const alert = r.body.jobs.find((j: any) => j.queue === 'notify' && j.data.notificationId === notificationId);
    expect(alert).to.deep.include({ name: 'send', stuck: true, retryable: false });
    expect(alert.failedReason).to.match(/^notification still queued 2\d min after it was written; its job is missing from Redis$/);
    // Ids, counts and instants only: no number, no narrative, nothing of the case.
    const text = JSON.stringify([stuck, alert]);
    for (const secret of ['912345678', 'Campuchia', 'passport', 'forced']) expect(text).to.not.include(secret);
    await scratch.db.updateTable('notifications').set({ status: 'failed' }).where('id', '=', notificationId).execute();

    const retry = await api(app.baseUrl, 'POST', `/api/supervisor/failed-jobs/routing/${encodeURIComponent(jobId)}/retry`, { cookie });
    expect(retry.status).to.equal(202);
    const workers = await startWorkers(app.ctx);
    try {
      await until(() => allRouted([contactId!]), 30_000);
      const after = await api(app.baseUrl, 'GET', '/api/supervisor/failed-jobs', { cookie });
      // Routed: neither the stuck request nor its earlier failure needs anyone now (the failed job stays in Redis).
      expect(after.body.jobs.filter((j: any) => j.data?.contactId === contactId)).to.have.length(0);
      expect(await app.ctx.queues.routing.getJobState(`${jobId}-boom`)).to.equal('failed');
    } finally {
      await workers.close();
    }
  });
});
