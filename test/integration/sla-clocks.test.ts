import { expect } from 'chai';
import type { SessionUser } from '../../shared/index.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { createClockPauseService } from '../../server/domain/sla/clock-pause.service.js';
import type { TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, referralsOf, route } from '../support/referrals.js';
import { actorOf, slaScenario, type SlaScenario, clocksOf, engineOf, eventsOf, HOUR, MIN } from '../support/sla.js';

describe('SLA clocks: start, warning, breach, escalation, re-route, pause (injected clock)', () => {
  const sc = slaScenario();
  const { clock } = sc;
  let app: TestApp;
  let scratch: SlaScenario['scratch'];
  let viXuyen: SlaScenario['viXuyen'];
  let tuyenQuangDept: SlaScenario['tuyenQuangDept'];
  const officerActor = (agencyId: number, id = 1) => actorOf(agencyId, 'agency_officer', id);
  before(() => ({ app, scratch, viXuyen, tuyenQuangDept } = sc));

  /** A trafficking case in Vị Xuyên routed at the clock's current time; returns its primary referral id. */
  async function newReferral() {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [id] = await route(app, contactId);
    return id!;
  }

  it('starts the three SLA clocks and the re-route timeout with the referral, from the trafficking policy', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const c = await clocksOf(app, id);
    const t0 = clock.now().getTime();
    expect(Object.keys(c).sort()).to.deep.equal(['acknowledge', 'close', 'first_action', 'reroute']);
    expect(c.acknowledge!.due_at.getTime() - t0).to.equal(1 * HOUR);
    expect(c.acknowledge!.warn_at!.getTime() - t0).to.equal(45 * MIN);
    expect(c.acknowledge!.next_at!.getTime() - t0).to.equal(45 * MIN);
    expect(c.first_action!.due_at.getTime() - t0).to.equal(72 * HOUR);
    expect(c.close!.due_at.getTime() - t0).to.equal(30 * 24 * HOUR);
    expect(c.reroute!.due_at.getTime() - t0).to.equal(60 * MIN); // the routing target's timeout
    expect(c.reroute!.warn_at).to.equal(null);
    expect(Object.values(c).every((k) => k.state === 'running')).to.equal(true);
    // The referral as agencies see it carries its clocks.
    const summary = await referralsServiceFor(app.ctx).view(id, officerActor(viXuyen.id));
    expect(summary.clocks.map((k) => k.kind)).to.deep.equal(['acknowledge', 'first_action', 'close', 'reroute']);
  });

  it('warns the focal points at 75%, once, and breaches at 100% with an alert to the parent agency', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const engine = engineOf(app);
    clock.advance(44 * MIN);
    expect((await engine.processDue()).warnings).to.equal(0);
    clock.advance(2 * MIN); // 46 min: past the 45-minute warning
    const r1 = await engine.processDue();
    expect(r1.warnings).to.be.greaterThanOrEqual(1);
    expect(await eventsOf(app, id, 'sla_warning')).to.have.length(1);
    await engine.processDue(); // nothing new: the warning is sent once
    expect(await eventsOf(app, id, 'sla_warning')).to.have.length(1);
    const warn = await scratch.db.selectFrom('notifications').selectAll().where('referral_id', '=', id).where('purpose', '=', 'sla_warning').execute();
    expect(warn).to.have.length(1);
    expect(app.ctx.crypto.decrypt(warn[0]!.body_enc)).to.match(/sắp quá hạn tiếp nhận/).and.not.match(/Campuchia/);
    const focal = await scratch.db.selectFrom('agencies').select('focal_phones').where('id', '=', viXuyen.id).executeTakeFirstOrThrow();
    expect(app.ctx.crypto.decrypt(warn[0]!.to_enc)).to.equal(focal.focal_phones[0]); // Vị Xuyên's focal point
    // The agency's officers' devices are woken too: a push job on the notify queue, ids only.
    const warnPush = await app.ctx.queues.notify.getJob(`push-warning-acknowledge-${id}-${viXuyen.id}`);
    expect(warnPush?.data).to.deep.equal({ referralId: id, agencyId: viXuyen.id, clock: 'acknowledge', reason: 'warning' });

    clock.advance(15 * MIN); // 61 min: acknowledge breached, and the re-route timeout passed too
    await engine.processDue();
    const c = await clocksOf(app, id);
    expect(c.acknowledge!.state).to.equal('breached');
    expect(c.acknowledge!.breached_at!.getTime()).to.equal(clock.now().getTime());
    const esc = await scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', id).orderBy('level').execute();
    // The parent was alerted; the referral expired in the same pass, so the parent can no longer get the office
    // moving and the supervisor is asked at once (the supervisor's step would otherwise never come).
    expect(esc.map((e) => [e.level, e.to_agency_id, e.resolved_at])).to.deep.equal([[1, tuyenQuangDept.id, null], [2, null, null]]);
    const toParent = await scratch.db.selectFrom('notifications').selectAll().where('referral_id', '=', id).where('purpose', '=', 'sla_escalation').execute();
    const parentPhones = (await scratch.db.selectFrom('agencies').select('focal_phones').where('id', '=', tuyenQuangDept.id).executeTakeFirstOrThrow()).focal_phones;
    expect(toParent.map((n) => app.ctx.crypto.decrypt(n.to_enc))).to.deep.equal(parentPhones);
    const escPush = await app.ctx.queues.notify.getJob(`push-escalation-acknowledge-${id}-${tuyenQuangDept.id}`);
    expect(escPush?.data).to.deep.equal({ referralId: id, agencyId: tuyenQuangDept.id, clock: 'acknowledge', reason: 'escalation' });
    expect(app.ctx.crypto.decrypt(toParent[0]!.body_enc)).to.include('Vị Xuyên');
  });

  it('re-routes a referral nobody acknowledged within the target timeout to the next target', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const contactId = (await referralsServiceFor(app.ctx).getRow(id))!.contact_id;
    clock.advance(61 * MIN);
    const r = await engineOf(app).processDue();
    expect(r.expired).to.be.greaterThanOrEqual(1);
    const refs = (await referralsOf(app, contactId)).filter((x) => x.track === 'primary');
    expect(refs.map((x) => x.status)).to.deep.equal(['expired', 'pending']);
    expect(refs[1]!.agency_id).to.equal(tuyenQuangDept.id);
    expect(refs[1]!.previous_referral_id).to.equal(id);
    expect((await eventsOf(app, id)).map((e) => e.type)).to.include.members(['expired', 'rerouted', 'sla_breached']);
    // The old referral's clocks no longer run; the new one has its own, from now.
    const old = await clocksOf(app, id);
    expect(old.first_action!.state).to.equal('stopped');
    expect(old.first_action!.next_at).to.equal(null);
    const fresh = await clocksOf(app, refs[1]!.id);
    expect(fresh.acknowledge!.started_at.getTime()).to.equal(clock.now().getTime());
    expect(fresh.acknowledge!.state).to.equal('running');
  });

  it('escalates a breach to the parent agency first, then to the supervisor', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const referrals = referralsServiceFor(app.ctx);
    const officer = officerActor(viXuyen.id);
    await referrals.accept(id, officer);
    const c0 = await clocksOf(app, id);
    expect(c0.acknowledge!.state).to.equal('met');
    expect(c0.reroute!.state).to.equal('met');
    const engine = engineOf(app);
    clock.advance(72 * HOUR + MIN); // first action (72 h, Art. 27) missed
    await engine.processDue();
    let esc = await scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', id).orderBy('level').execute();
    expect(esc.map((e) => e.level)).to.deep.equal([1]);
    const fa = (await clocksOf(app, id)).first_action!;
    // The supervisor is asked 25% of the clock's span (18 h) after the deadline.
    expect(fa.escalate_at!.getTime() - fa.due_at.getTime()).to.equal(18 * HOUR);
    clock.advance(17 * HOUR);
    await engine.processDue();
    expect(await scratch.db.selectFrom('sla_escalations').select('level').where('referral_id', '=', id).execute()).to.have.length(1);
    clock.advance(2 * HOUR);
    await engine.processDue();
    esc = await scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', id).orderBy('level').execute();
    expect(esc.map((e) => [e.level, e.to_agency_id])).to.deep.equal([[1, tuyenQuangDept.id], [2, null]]);
    expect(esc[1]!.created_at > esc[0]!.created_at).to.equal(true);
    const types = (await eventsOf(app, id)).map((e) => e.type);
    expect(types.filter((t) => t === 'escalated')).to.have.length(2);
    await createClockPauseService(app.ctx).pause(id, 'first_action', 'too late to pause', officer).then(
      () => expect.fail('paused a breached clock'),
      (e: Error) => expect(e.message).to.match(/breached/),
    );
    // Recording support late keeps the breach on record and settles the open escalations.
    await referrals.recordSupport(id, { regime: 'a', givenOn: '2026-11-27', note: '' }, officer);
    const after = (await clocksOf(app, id)).first_action!;
    expect(after.state).to.equal('breached');
    expect(after.met_at).to.not.equal(null);
    const open = await scratch.db.selectFrom('sla_escalations').select('id').where('referral_id', '=', id).where('resolved_at', 'is', null).execute();
    expect(open).to.have.length(0);
  });

  it('fires each breach exactly once when two workers process the same due clocks at the same moment', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const ids = [await newReferral(), await newReferral(), await newReferral()];
    clock.advance(3 * 24 * HOUR);
    // Two engines, as in two worker processes, racing on the same instant.
    const [a, b] = await Promise.all([engineOf(app).processDue(), engineOf(app).processDue()]);
    expect(a.clocks + b.clocks).to.be.greaterThanOrEqual(ids.length * 2);
    for (const id of ids) {
      const breaches = await eventsOf(app, id, 'sla_breached');
      expect(breaches.map((e) => (e.details as { clock: string }).clock).sort()).to.deep.equal(['acknowledge', 'first_action']);
      const esc = await scratch.db.selectFrom('sla_escalations').select(['clock_id', 'level']).where('referral_id', '=', id).execute();
      expect(new Set(esc.map((e) => `${e.clock_id}/${e.level}`)).size).to.equal(esc.length);
    }
  });

  it('pauses a clock with a reason and moves its deadline by the time paused; refuses impossible pauses', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const officer = officerActor(viXuyen.id);
    await referralsServiceFor(app.ctx).accept(id, officer);
    const pauses = createClockPauseService(app.ctx);
    const before = (await clocksOf(app, id)).first_action!;
    clock.advance(2 * HOUR);
    const paused = await pauses.pause(id, 'first_action', 'chờ nạn nhân an toàn để trao đổi', officer);
    expect(paused.clocks.find((k) => k.kind === 'first_action')).to.include({ state: 'paused', pauseReason: 'chờ nạn nhân an toàn để trao đổi' });
    await expectConflict(pauses.pause(id, 'first_action', 'again', officer), /paused/);
    await expectConflict(pauses.pause(id, 'acknowledge', 'met already', officer), /met/);
    await expectConflict(pauses.resume(id, 'close', '', officer), /running/);
    await expectConflict(pauses.pause(id, 'reroute', 'no', officer), /re-route/);
    // Another agency's officer cannot touch it.
    await pauses.pause(id, 'close', 'not mine', officerActor(tuyenQuangDept.id)).then(
      () => expect.fail('paused another agency’s clock'),
      (e: Error) => expect(e.name).to.equal('NotFoundError'),
    );
    clock.advance(5 * HOUR); // paused time does not count
    expect((await engineOf(app).processDue()).breaches).to.equal(0);
    await pauses.resume(id, 'first_action', 'đã liên lạc được', officer);
    const after = (await clocksOf(app, id)).first_action!;
    expect(after.state).to.equal('running');
    expect(after.due_at.getTime() - before.due_at.getTime()).to.equal(5 * HOUR);
    expect(after.warn_at!.getTime() - before.warn_at!.getTime()).to.equal(5 * HOUR);
    const types = (await eventsOf(app, id)).map((e) => e.type);
    expect(types).to.include.members(['clock_paused', 'clock_resumed']);
    const audit = await scratch.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).where('action', 'like', 'sla.clock.%').execute();
    expect(audit.map((a) => a.action)).to.deep.equal(['sla.clock.pause', 'sla.clock.resume']);
    const pauseRows = await scratch.db.selectFrom('sla_clock_pauses').selectAll().where('clock_id', '=', after.id).execute();
    expect(pauseRows).to.have.length(1);
    expect(pauseRows[0]!.resumed_at).to.not.equal(null);
  });

  it('pauses the re-route timeout with the acknowledge clock: a case asked to wait does not move on meanwhile', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const id = await newReferral();
    const contactId = (await referralsServiceFor(app.ctx).getRow(id))!.contact_id;
    const pauses = createClockPauseService(app.ctx);
    const supervisor = { ...officerActor(viXuyen.id), user: { ...officerActor(viXuyen.id).user, role: 'supervisor', agencyId: null } as SessionUser };
    clock.advance(10 * MIN);
    await pauses.pause(id, 'acknowledge', 'nạn nhân chưa thể nói chuyện an toàn', supervisor);
    expect((await clocksOf(app, id)).reroute!.state).to.equal('paused');
    clock.advance(2 * HOUR); // far past the 60-minute timeout, but paused
    expect((await engineOf(app).processDue()).expired).to.equal(0);
    expect((await referralsOf(app, contactId)).map((r) => r.status)).to.deep.equal(['pending']);
    await pauses.resume(id, 'acknowledge', '', supervisor);
    const c = await clocksOf(app, id);
    expect(c.reroute!.state).to.equal('running');
    expect(c.reroute!.due_at.getTime() - clock.now().getTime()).to.equal(50 * MIN); // what was left when it paused
    clock.advance(51 * MIN);
    await engineOf(app).processDue();
    expect((await referralsOf(app, contactId)).map((r) => r.status)).to.deep.equal(['expired', 'pending']);
  });

  it('counts business hours for other child protection: 8 working hours from Friday 16:00 end on Monday afternoon', async () => {
    clock.set('2026-11-27T09:00:00Z'); // Friday 16:00 in Vietnam
    const id = await newReferralOf('other_child_protection');
    const c = await clocksOf(app, id);
    // Fri 16:00–17:00 (1 h), Mon 07:30–11:30 (4 h), 13:30–16:30 (3 h) → Monday 16:30 local = 09:30 UTC.
    expect(c.acknowledge!.due_at.toISOString()).to.equal('2026-11-30T09:30:00.000Z');
    expect(c.acknowledge!.calendar).to.not.equal(null);
    expect(c.close!.calendar).to.equal(null); // 60 days on the wall clock
  });

  async function newReferralOf(classification: 'other_child_protection') {
    const contactId = await classifiedCase(app, { ...IN_VI_XUYEN, classification, purposes: [], callType: 'report' } as never);
    const [id] = await route(app, contactId);
    return id!;
  }
});

async function expectConflict(p: Promise<unknown>, message: RegExp) {
  await p.then(
    () => expect.fail('expected a conflict'),
    (e: Error) => {
      expect(e.name).to.equal('ConflictError');
      expect(e.message).to.match(message);
    },
  );
}
