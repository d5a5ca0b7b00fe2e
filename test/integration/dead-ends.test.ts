import { expect } from 'chai';
import { getRule, updateRule } from '../../server/domain/routing/rules.repo.js';
import { createRoutingPlanner } from '../../server/domain/referrals/routing-planner.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, referralsOf, route } from '../support/referrals.js';
import { clocksOf, engineOf, eventsOf, MIN, slaScenario } from '../support/sla.js';

/**
 * No dead ends: whatever happens to a referral, somebody can still act on it, and the screens say truly why it is
 * where it is. An urgent case in Vị Xuyên goes to the Tuyên Quang police, the Tuyên Quang Border Guard (whose rule says
 * skip when nobody is left) and the local office, each with a 15-minute re-route timeout.
 */
describe('no dead ends: assign again, escalations kept, true reasons, skip honoured', () => {
  const sc = slaScenario();
  let app: TestApp;
  let police: { id: number; name: string };
  let borderGuard: { id: number; name: string };
  let supCookie: string;
  before(async () => {
    app = sc.app;
    police = await agencyByCode('tuyen-quang-police', sc.scratch.db);
    borderGuard = await agencyByCode('tuyen-quang-border-guard', sc.scratch.db);
    const sup = await createTestUser('supervisor', null, sc.scratch.db);
    supCookie = await loginAs(app.baseUrl, sup.username, sup.password);
  });

  /** An immediate-danger case in Vị Xuyên, routed now; its referrals by track. */
  async function urgentCase() {
    const contactId = await classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true });
    await route(app, contactId);
    return { contactId, on: async (track: string) => (await referralsOf(app, contactId)).filter((r) => r.track === track) };
  }

  const board = async () => (await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: supCookie })).body.board;

  it('lets the supervisor give an expired urgent police referral back to the same police: attempt 2, recorded, clocks running', async () => {
    sc.clock.set('2026-11-23T02:00:00Z');
    const c = await urgentCase();
    sc.clock.advance(15 * MIN);
    await engineOf(app).processDue();
    const [expired, queued] = await c.on('police');
    expect([expired!.status, queued!.status]).to.deep.equal(['expired', 'needs_supervisor']);
    // The queue says which deadline nobody met, as a code the console renders in its language.
    expect(queued!.why).to.include({ reason: 'expired', deadlineMinutes: 15, explanation: 'Không có cơ quan xác nhận trong 15 phút' });

    const r = await api(app.baseUrl, 'POST', `/api/referrals/${queued!.id}/assign`, { cookie: supCookie, body: { agencyId: police.id, note: 'Đã gọi trực ban' } });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.referral).to.include({ status: 'pending', attempt: 2 });
    expect(r.body.referral.attempts.map((a: any) => [a.agency.id, a.status, a.attempt])).to.deep.equal([[police.id, 'expired', 1], [police.id, 'pending', 2]]);
    const assigned = await eventsOf(app, queued!.id, 'assigned');
    expect(assigned[0]!.details).to.include({ agencyId: police.id, attempt: 2 });
    const audit = await sc.scratch.db.selectFrom('audit_log').select('details').where('action', '=', 'referral.assign').where('entity_id', '=', String(queued!.id)).execute();
    expect(audit.map((a) => a.details)).to.deep.equal([{ agencyId: police.id, attempt: 2 }]);
    const clocks = await clocksOf(app, queued!.id);
    expect(Object.keys(clocks).sort()).to.deep.equal(['acknowledge', 'close', 'first_action']); // a supervisor's choice does not re-route
    expect(clocks.acknowledge!.state).to.equal('running');
    expect(clocks.acknowledge!.due_at.getTime() - sc.clock.now().getTime()).to.equal(15 * MIN);
    // Routing the case again (a retried job) still makes nothing: the routing worker's key is the first attempt.
    expect(await route(app, c.contactId)).to.deep.equal([]);
    expect((await c.on('police')).map((x) => x.attempt)).to.deep.equal([1, 2]);
    // The police sees it in its inbox again.
    const officer = await officerOf(app, police.id);
    const inbox = await api(app.baseUrl, 'GET', '/api/referrals?status=pending', { cookie: officer.cookie });
    expect(inbox.body.referrals.map((x: any) => x.id)).to.include(queued!.id);
  });

  it('keeps the urgent referral’s escalation open after the re-route fired, saying where the case is now, until a supervisor resolves it', async () => {
    sc.clock.set('2026-11-23T03:00:00Z');
    const c = await urgentCase();
    sc.clock.advance(15 * MIN);
    await engineOf(app).processDue();
    const [expired, queued] = await c.on('police');
    const esc = await sc.scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', expired!.id).execute();
    expect(esc.map((e) => [e.level, e.resolved_at, e.resolution_enc])).to.deep.equal([[2, null, null]]);
    sc.clock.advance(MIN);
    const shown = (await board()).escalations.find((e: any) => e.referralId === expired!.id);
    expect(shown).to.include({ level: 2, referralStatus: 'expired', track: 'police', resolvedAt: null });
    expect(shown.current).to.deep.equal({ referralId: queued!.id, status: 'needs_supervisor', agency: null });

    const resolved = await api(app.baseUrl, 'POST', `/api/supervisor/escalations/${shown.id}/resolve`, { cookie: supCookie, body: { note: 'Đã gọi trực ban công an tỉnh' } });
    expect(resolved.status).to.equal(200);
    expect(resolved.body.escalation.resolvedAt).to.equal(sc.clock.now().toISOString());
    expect((await board()).escalations.map((e: any) => e.id)).not.to.include(shown.id);
  });

  it('asks the supervisor at once when only the parent agency had been alerted and the referral then expired', async () => {
    const dept = await agencyByCode('tuyen-quang-health', sc.scratch.db);
    await sc.scratch.db.updateTable('agencies').set({ parent_agency_id: dept.id }).where('id', '=', police.id).execute();
    try {
      sc.clock.set('2026-11-23T04:00:00Z');
      const c = await urgentCase();
      sc.clock.advance(15 * MIN);
      await engineOf(app).processDue();
      const [expired] = await c.on('police');
      const esc = await sc.scratch.db.selectFrom('sla_escalations').selectAll().where('referral_id', '=', expired!.id).orderBy('level').execute();
      expect(esc.map((e) => [e.level, e.to_agency_id, e.resolved_at])).to.deep.equal([[1, dept.id, null], [2, null, null]]);
      const escalated = (await eventsOf(app, expired!.id, 'escalated')).map((e) => e.details);
      expect(escalated).to.deep.include.members([{ clock: 'acknowledge', dueAt: esc[0]!.created_at.toISOString(), level: 2, to: 'supervisor', left: 'expired' }]);
      expect((await board()).escalations.map((e: any) => e.referralId)).to.include(expired!.id);
    } finally {
      await sc.scratch.db.updateTable('agencies').set({ parent_agency_id: null }).where('id', '=', police.id).execute();
    }
  });

  it('says why each referral is on the supervisor’s queue: no agency covers the place, the agencies declined', async () => {
    sc.clock.set('2026-11-23T05:00:00Z');
    const declined = await urgentCase();
    const officer = await officerOf(app, police.id);
    const [first] = await declined.on('police');
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${first!.id}/decline`, { cookie: officer.cookie, body: { reason: 'Ngoài địa bàn' } })).status).to.equal(200);
    const [, queued] = await declined.on('police');
    expect(queued!.why).to.include({ reason: 'declined', explanation: 'Các cơ quan được chuyển đều đã từ chối' });
    expect(queued!.why.rule).to.be.a('string').and.not.equal('');

    await sc.scratch.db.updateTable('agencies').set({ active: false }).where('type', '=', 'police').execute();
    try {
      const none = await urgentCase();
      const [unroutable] = await none.on('police');
      expect(unroutable).to.include({ status: 'needs_supervisor', agency_id: null });
      expect(unroutable!.why).to.include({ reason: 'no_agency' });
    } finally {
      await sc.scratch.db.updateTable('agencies').set({ active: true }).where('type', '=', 'police').execute();
    }
  });

  it('honours the Border Guard rule’s skip after a decline: the track ends on the timeline, nobody is asked', async () => {
    sc.clock.set('2026-11-23T06:00:00Z');
    const c = await urgentCase();
    const [bg] = await c.on('border_guard');
    const officer = await officerOf(app, borderGuard.id);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${bg!.id}/decline`, { cookie: officer.cookie, body: { reason: 'Không phải khu vực biên giới' } })).status).to.equal(200);
    expect((await c.on('border_guard')).map((r) => r.status)).to.deep.equal(['declined']);
    const [ended] = await eventsOf(app, bg!.id, 'track_ended');
    expect(ended!.details).to.deep.include({ why: { rule: (await ruleOf('border_guard')).name, target: null, explanation: 'Các cơ quan được chuyển đều đã từ chối', reason: 'declined' } });
    // The supervisor still sees it in the case's history.
    const police = (await c.on('police'))[0]!;
    const timeline = (await api(app.baseUrl, 'GET', `/api/referrals/${police.id}`, { cookie: supCookie })).body.referral.timeline;
    expect(timeline.filter((e: any) => e.type === 'track_ended').map((e: any) => e.details.track)).to.deep.equal(['border_guard']);
  });

  it('honours the skip after an expiry too, naming the deadline nobody met', async () => {
    sc.clock.set('2026-11-23T07:00:00Z');
    const c = await urgentCase();
    sc.clock.advance(15 * MIN);
    await engineOf(app).processDue();
    const rows = await c.on('border_guard');
    expect(rows.map((r) => r.status)).to.deep.equal(['expired']);
    const [ended] = await eventsOf(app, rows[0]!.id, 'track_ended');
    expect(ended!.details).to.have.nested.include({ 'why.reason': 'expired', 'why.deadlineMinutes': 15 });
    // The police track, whose rule says supervisor, did reach the queue.
    expect((await c.on('police')).map((r) => r.status)).to.deep.equal(['expired', 'needs_supervisor']);
  });

  it('gives a Border Guard follow-up a why: the supervisor’s queue when the rule says so, and the planner’s skip', async () => {
    const rule = await ruleOf('border_guard');
    await updateRule(sc.scratch.db, rule.id, { ...rule, onExhausted: 'supervisor' });
    try {
      sc.clock.set('2026-11-23T08:00:00Z');
      const c = await urgentCase();
      const [bg] = await c.on('border_guard');
      const officer = await officerOf(app, borderGuard.id);
      await api(app.baseUrl, 'POST', `/api/referrals/${bg!.id}/decline`, { cookie: officer.cookie, body: { reason: 'Không phải khu vực biên giới' } });
      const [, followUp] = await c.on('border_guard');
      expect(followUp).to.include({ status: 'needs_supervisor' });
      expect(followUp!.why).to.include({ rule: rule.name, reason: 'declined' });
      expect(followUp!.why.explanation).to.not.equal('');
      // Back to skip; the supervisor gives it to the Border Guard again, which declines again: a track a
      // supervisor chose to pursue comes back to the queue, whatever the rule says.
      await updateRule(sc.scratch.db, rule.id, rule);
      expect((await api(app.baseUrl, 'POST', `/api/referrals/${followUp!.id}/assign`, { cookie: supCookie, body: { agencyId: borderGuard.id } })).status).to.equal(200);
      await api(app.baseUrl, 'POST', `/api/referrals/${followUp!.id}/decline`, { cookie: officer.cookie, body: { reason: 'Vẫn không phải khu vực biên giới' } });
      const last = (await c.on('border_guard')).at(-1)!;
      expect(last).to.include({ status: 'needs_supervisor', previous_referral_id: followUp!.id });
      expect(last.why).to.include({ reason: 'declined' });
    } finally {
      await updateRule(sc.scratch.db, rule.id, rule);
    }
    // With the rule's skip, the plan after a decline still carries its reason (it is what the timeline records).
    const c = await urgentCase();
    const [bg] = await c.on('border_guard');
    const plan = await createRoutingPlanner(sc.scratch.db, sc.clock).planNext({ ...bg!, agency_id: borderGuard.id, status: 'declined' });
    expect(plan.kind).to.equal('skip');
    expect(plan.why).to.include({ rule: rule.name, reason: 'no_agency' });
    expect(plan.why.explanation).to.not.equal('');
  });

  async function ruleOf(track: string) {
    const row = await sc.scratch.db.selectFrom('routing_rules').select('id').where('track', '=', track as never).orderBy('position').executeTakeFirstOrThrow();
    const { updatedAt: _u, ...rule } = (await getRule(sc.scratch.db, row.id))!;
    return rule;
  }
});
