import { Worker, type ConnectionOptions } from 'bullmq';
import { expect } from 'chai';
import { JOB_IDS, QUEUES } from '../../shared/index.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { lockReferral, transition } from '../../server/domain/referrals/referrals.repo.js';
import { meetClocks } from '../../server/domain/sla/clocks.repo.js';
import { tickBucket } from '../../server/domain/sla/sla-timers.js';
import { slaProcessor } from '../../workers/processors/sla.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, referralsOf, route } from '../support/referrals.js';
import { actorOf, slaScenario, type SlaScenario, clocksOf, engineOf, eventsOf, HOUR, MIN } from '../support/sla.js';
import { until } from '../support/until.js';

describe('SLA review: races between the engine and referral actions, escalation targets, early timers', function () {
  this.timeout(60_000);
  const sc = slaScenario();
  const { clock } = sc;
  let app: TestApp;
  let scratch: SlaScenario['scratch'];
  let viXuyen: SlaScenario['viXuyen'];
  let tuyenQuangDept: SlaScenario['tuyenQuangDept'];
  const officerActor = (agencyId: number, id = 1) => actorOf(agencyId, 'agency_officer', id);
  before(() => ({ app, scratch, viXuyen, tuyenQuangDept } = sc));

  async function newReferral() {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    return { id: id!, contactId };
  }

  it('an accept holding the referral while the re-route timeout fires: no deadlock, the accept wins, nothing is re-routed', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const { id, contactId } = await newReferral();
    clock.advance(61 * MIN); // the re-route timeout (60 min) and the acknowledge target have passed
    const at = clock.now();
    let engineRun: Promise<unknown> | null = null;
    // The accept's own steps, in its order: lock the referral, move it, then meet its clocks.
    await scratch.db.transaction().execute(async (tx) => {
      await lockReferral(tx, id);
      expect(await transition(tx, id, ['pending'], { status: 'accepted', accepted_at: at }, at)).to.equal(true);
      engineRun = engineOf(app).processDue().then((r) => r, (e: Error) => e);
      await new Promise((r) => setTimeout(r, 300)); // the engine claims its due clocks meanwhile
      await meetClocks(tx, id, ['acknowledge', 'reroute'], at, app.ctx.crypto);
    });
    const outcome = await engineRun!;
    expect(outcome, String(outcome)).to.not.be.instanceOf(Error);
    await engineOf(app).processDue(); // what the retry tick does once the accept has committed
    const refs = (await referralsOf(app, contactId)).filter((x) => x.track === 'primary');
    expect(refs.map((x) => x.status)).to.deep.equal(['accepted']);
    expect(await eventsOf(app, id, 'expired')).to.have.length(0);
    const c = await clocksOf(app, id);
    expect(c.reroute!.state).to.equal('met');
    expect(c.acknowledge!.state).to.equal('met');
  });

  it('a breach whose parent agency is deactivated goes to the supervisor at once, not to an office nobody reads', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const { id } = await newReferral();
    await referralsServiceFor(app.ctx).accept(id, officerActor(viXuyen.id));
    await scratch.db.updateTable('agencies').set({ active: false }).where('id', '=', tuyenQuangDept.id).execute();
    try {
      clock.advance(72 * HOUR + MIN); // first action missed
      await engineOf(app).processDue();
      const esc = await scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', id).execute();
      expect(esc.map((e) => [e.level, e.to_agency_id])).to.deep.equal([[2, null]]);
      const fa = (await clocksOf(app, id)).first_action!;
      expect(fa.escalation_level).to.equal(2);
      expect(fa.next_at).to.equal(null);
    } finally {
      await scratch.db.updateTable('agencies').set({ active: true }).where('id', '=', tuyenQuangDept.id).execute();
    }
  });

  it('filters the escalations on the supervisor board like its referrals', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const { id } = await newReferral();
    await referralsServiceFor(app.ctx).accept(id, officerActor(viXuyen.id));
    clock.advance(72 * HOUR + MIN); // first action missed: the parent agency first
    await engineOf(app).processDue();
    clock.advance(19 * HOUR); // then the supervisor
    await engineOf(app).processDue();
    const s = await createTestUser('supervisor', null, scratch.db);
    const cookie = await loginAs(app.baseUrl, s.username, s.password);
    const board = async (q: string) => {
      const r = await api(app.baseUrl, 'GET', `/api/supervisor/board${q}`, { cookie });
      expect(r.status).to.equal(200);
      return (r.body.board.escalations as { referralId: number }[]).map((e) => e.referralId);
    };
    expect(await board('')).to.include(id);
    expect(await board(`?agencyId=${viXuyen.id}`)).to.include(id);
    expect(await board(`?agencyId=${tuyenQuangDept.id}`)).to.not.include(id);
    expect(await board('?priority=urgent')).to.not.include(id);
    const row = (await api(app.baseUrl, 'GET', `/api/supervisor/board?agencyId=${viXuyen.id}`, { cookie })).body.board.referrals
      .find((r: { id: number }) => r.id === id) as { province: { id: number } };
    expect(await board(`?provinceId=${row.province.id}`)).to.include(id);
    expect(await board(`?provinceId=${row.province.id + 1_000_000}`)).to.not.include(id);
  });

  it('a tick that fires before its instant is re-armed, so the deadline still fires without the reconciler', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const { id } = await newReferral();
    const ack = (await clocksOf(app, id)).acknowledge!;
    clock.set(new Date(ack.due_at.getTime() - 1500));
    const bucket = tickBucket(ack.due_at);
    await app.ctx.queues.sla.drain(true); // only this test's tick, so nothing else happens to fire the deadline
    const worker = new Worker(QUEUES.sla, slaProcessor(app.ctx), {
      connection: app.ctx.redis as unknown as ConnectionOptions, prefix: app.ctx.config.REDIS_PREFIX, concurrency: 1,
    });
    try {
      await worker.waitUntilReady();
      // Fires now although the engine's clock says the instant is 1.5 s away (hosts' clocks apart).
      await app.ctx.queues.sla.add('tick', { at: bucket }, { jobId: JOB_IDS.slaTick(bucket), delay: 0 });
      await until(async () => (await (await app.ctx.queues.sla.getJob(JOB_IDS.slaTick(bucket)))?.getState()) !== 'waiting', 5000);
      await new Promise((r) => setTimeout(r, 300));
      const job = await app.ctx.queues.sla.getJob(JOB_IDS.slaTick(bucket));
      expect(job, 'the early tick was consumed and removed').to.not.equal(undefined);
      expect((await clocksOf(app, id)).acknowledge!.state).to.equal('running');
      clock.set(new Date(bucket)); // the engine's time catches up with the instant
      const breached = await until(async () => {
        const c = (await clocksOf(app, id)).acknowledge!;
        return c.state === 'breached' ? c : null;
      }, 10_000);
      expect(breached.breached_at!.getTime()).to.equal(bucket);
    } finally {
      await worker.close();
    }
  });
});
