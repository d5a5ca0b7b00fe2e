import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { clocksOf, engineOf, HOUR, MIN } from '../support/sla.js';
import { DEFAULT_SLA_POLICIES } from '../../server/domain/sla/default-policies.js';

describe('SLA API: policies, holidays, the supervisor board and its metrics, escalation decisions', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let admin: string;
  let supervisor: string;
  before(async () => {
    ({ scratch, app } = await startDemoApp());
    const a = await createTestUser('admin', null, scratch.db);
    admin = await loginAs(app.baseUrl, a.username, a.password);
    const s = await createTestUser('supervisor', null, scratch.db);
    supervisor = await loginAs(app.baseUrl, s.username, s.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  const trafficking = () => structuredClone(DEFAULT_SLA_POLICIES.trafficking);

  it('lists the default policies of domain.md to admins and supervisors, not to operators', async () => {
    const r = await api(app.baseUrl, 'GET', '/api/sla/policies', { cookie: supervisor });
    expect(r.status).to.equal(200);
    expect(r.body.policies.map((p: any) => p.priority)).to.deep.equal(['urgent', 'trafficking', 'suspected_trafficking', 'other_child_protection']);
    expect(r.body.policies[0].targets.acknowledge).to.deep.equal({ value: 15, unit: 'minutes' });
    expect(r.body.policies[3].targets.acknowledge).to.deep.equal({ value: 8, unit: 'business_hours' });
    const op = await createTestUser('operator', null, scratch.db);
    const opCookie = await loginAs(app.baseUrl, op.username, op.password);
    expect((await api(app.baseUrl, 'GET', '/api/sla/policies', { cookie: opCookie })).status).to.equal(403);
  });

  it('refuses a zero or negative target, a calendar without working hours, business hours on 24/7 — naming the field, changing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...trafficking(), targets: { ...trafficking().targets, acknowledge: { value: 0, unit: 'hours' } } }, 'targets.acknowledge.value'],
      [{ ...trafficking(), targets: { ...trafficking().targets, close: { value: -3, unit: 'days' } } }, 'targets.close.value'],
      [{ ...trafficking(), calendar: { mode: 'working_hours', hours: {} } }, 'calendar.hours'],
      [{ ...trafficking(), targets: { ...trafficking().targets, first_action: { value: 3, unit: 'business_days' } } }, 'targets.first_action.unit'],
      [{ ...trafficking(), warnPercent: 100 }, 'warnPercent'],
    ];
    for (const [body, field] of cases) {
      const r = await api(app.baseUrl, 'PUT', '/api/sla/policies/trafficking', { cookie: admin, body });
      expect(r.status, field).to.equal(400);
      expect(Object.keys(r.body.error.fields ?? {}), field).to.include(field);
    }
    const unknown = await api(app.baseUrl, 'PUT', '/api/sla/policies/whatever', { cookie: admin, body: trafficking() });
    expect(unknown.status).to.equal(400);
    const now = await api(app.baseUrl, 'GET', '/api/sla/policies', { cookie: admin });
    expect(now.body.policies[1].targets).to.deep.equal(DEFAULT_SLA_POLICIES.trafficking.targets);
    expect((await api(app.baseUrl, 'PUT', '/api/sla/policies/trafficking', { cookie: supervisor, body: trafficking() })).status).to.equal(403);
  });

  it('applies an edited policy to new referrals only; running clocks keep theirs; the edit is audited', async () => {
    const before = await route(app, await classifiedCase(app, IN_VI_XUYEN));
    const edited = trafficking();
    edited.targets.acknowledge = { value: 30, unit: 'minutes' };
    const r = await api(app.baseUrl, 'PUT', '/api/sla/policies/trafficking', { cookie: admin, body: edited });
    expect(r.status).to.equal(200);
    expect(r.body.policy.targets.acknowledge).to.deep.equal({ value: 30, unit: 'minutes' });
    expect(r.body.policy.updatedBy).to.be.a('string');
    const after = await route(app, await classifiedCase(app, IN_VI_XUYEN));
    const old = (await clocksOf(app, before[0]!)).acknowledge!;
    const fresh = (await clocksOf(app, after[0]!)).acknowledge!;
    expect(old.due_at.getTime() - old.started_at.getTime()).to.equal(1 * HOUR);
    expect(fresh.due_at.getTime() - fresh.started_at.getTime()).to.equal(30 * MIN);
    const audit = await scratch.db.selectFrom('audit_log').selectAll().where('action', '=', 'sla.policy.update').execute();
    expect(audit).to.have.length(1);
    await api(app.baseUrl, 'PUT', '/api/sla/policies/trafficking', { cookie: admin, body: trafficking() });
  });

  it('shows the law holidays of a year (Tết included) and lets admins add and remove overrides', async () => {
    const y = await api(app.baseUrl, 'GET', '/api/sla/holidays?year=2027', { cookie: supervisor });
    expect(y.status).to.equal(200);
    const dates = y.body.holidays.map((h: any) => h.date);
    expect(dates).to.include.members(['2027-02-05', '2027-02-06', '2027-02-09', '2027-04-30', '2027-09-02']);
    expect((await api(app.baseUrl, 'GET', '/api/sla/holidays?year=1900', { cookie: supervisor })).status).to.equal(400);
    const add = await api(app.baseUrl, 'POST', '/api/sla/holiday-overrides', { cookie: admin, body: { date: '2027-02-10', kind: 'holiday', name: 'Nghỉ thêm Tết theo quyết định của Thủ tướng' } });
    expect(add.status).to.equal(201);
    const dup = await api(app.baseUrl, 'POST', '/api/sla/holiday-overrides', { cookie: admin, body: { date: '2027-02-10', kind: 'workday', name: 'x' } });
    expect(dup.status).to.equal(409);
    const bad = await api(app.baseUrl, 'POST', '/api/sla/holiday-overrides', { cookie: admin, body: { date: '2027-13-01', kind: 'holiday', name: 'x' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields).to.have.property('date');
    const listed = await api(app.baseUrl, 'GET', '/api/sla/holidays?year=2027', { cookie: admin });
    const o = listed.body.holidays.find((h: any) => h.source === 'override');
    expect(o).to.include({ date: '2027-02-10', kind: 'holiday' });
    expect((await api(app.baseUrl, 'DELETE', `/api/sla/holiday-overrides/${o.overrideId}`, { cookie: admin })).status).to.equal(204);
    expect((await api(app.baseUrl, 'DELETE', `/api/sla/holiday-overrides/${o.overrideId}`, { cookie: admin })).status).to.equal(404);
  });

  it('puts open referrals with their clocks, open contacts and escalations on the supervisor board, with filters', async () => {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const [id] = await route(app, await classifiedCase(app, IN_VI_XUYEN));
    const board = await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: supervisor });
    expect(board.status).to.equal(200);
    const row = board.body.board.referrals.find((r: any) => r.id === id);
    expect(row.agency).to.deep.equal({ id: viXuyen.id, name: viXuyen.name });
    expect(row.province.name).to.equal('Tuyên Quang');
    expect(row.place).to.deep.equal({ path: 'Xã Vị Xuyên, Tuyên Quang', now: null });
    // A place named on the old map: shown with its full path and today's name, counted in today's province.
    const [oldId] = await route(app, await classifiedCase(app, { location: { kind: 'unit', dataset: 'vn-2023', code: '00955' } }));
    const oldRow = (await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: supervisor })).body.board.referrals.find((r: any) => r.id === oldId);
    expect(oldRow.province).to.deep.equal(row.province);
    expect(oldRow.place).to.deep.equal({ path: 'Xã Đạo Đức, huyện Vị Xuyên, Hà Giang', now: 'Xã Vị Xuyên, Tuyên Quang' });
    expect(row.clocks.map((c: any) => c.kind)).to.deep.equal(['acknowledge', 'first_action', 'close', 'reroute']);
    expect(JSON.stringify(board.body)).not.to.match(/narrative|callerPhone/);
    const other = await api(app.baseUrl, 'GET', `/api/supervisor/board?agencyId=${viXuyen.id + 100000}`, { cookie: supervisor });
    expect(other.body.board.referrals).to.have.length(0);
    const byProvince = await api(app.baseUrl, 'GET', `/api/supervisor/board?provinceId=${row.province.id}&priority=trafficking`, { cookie: supervisor });
    expect(byProvince.body.board.referrals.map((r: any) => r.id)).to.include(id);
    const wrong = await api(app.baseUrl, 'GET', '/api/supervisor/board?priority=soon', { cookie: supervisor });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.error.fields).to.have.property('priority');
    const officer = await officerOf(app, viXuyen.id);
    expect((await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: officer.cookie })).status).to.equal(403);
  });

  it('measures time to acknowledge per agency and province, and SLA compliance', async () => {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const [id] = await route(app, await classifiedCase(app, IN_VI_XUYEN));
    // Accepted 20 minutes after it was created (the creation time is moved back: no sleeping).
    await scratch.db.updateTable('referrals').set({ created_at: new Date(Date.now() - 20 * MIN) }).where('id', '=', id!).execute();
    const officer = await officerOf(app, viXuyen.id);
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${id}/accept`, { cookie: officer.cookie })).status).to.equal(200);
    const m = await api(app.baseUrl, 'GET', `/api/supervisor/sla-metrics?agencyId=${viXuyen.id}`, { cookie: supervisor });
    expect(m.status).to.equal(200);
    const row = m.body.metrics.byAgency.find((r: any) => r.key.id === viXuyen.id);
    expect(row.acknowledge.n).to.equal(1);
    expect(row.acknowledge.p50).to.be.within(19.9, 20.5);
    const today = m.body.metrics.compliance.find((c: any) => c.window === 'today');
    expect(today.byMetric.acknowledge.met).to.be.greaterThanOrEqual(1);
    expect(m.body.metrics.byProvince[0].key.name).to.match(/Tuyên Quang/);
  });

  it('shows the parent agency the deadlines its office missed, and lets it record its follow-up', async () => {
    const viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    const dept = await agencyByCode('tuyen-quang-health', scratch.db);
    const [id] = await route(app, await classifiedCase(app, IN_VI_XUYEN));
    await scratch.db.updateTable('sla_clocks').set({ due_at: new Date(Date.now() - 1000), warn_at: null, next_at: new Date(Date.now() - 1000) })
      .where('referral_id', '=', id!).where('kind', '=', 'acknowledge').execute();
    await engineOf(app).processDue();
    const parent = await officerOf(app, dept.id);
    const office = await officerOf(app, viXuyen.id);
    const mine = await api(app.baseUrl, 'GET', '/api/agencies/mine/escalations', { cookie: parent.cookie });
    expect(mine.status).to.equal(200);
    const esc = mine.body.escalations.find((e: any) => e.referralId === id);
    expect(esc).to.include({ level: 1, clockKind: 'acknowledge' });
    expect(esc.agency).to.deep.equal({ id: viXuyen.id, name: viXuyen.name });
    expect(JSON.stringify(mine.body)).not.to.match(/Campuchia|narrative|callerPhone/);
    const theirs = await api(app.baseUrl, 'GET', '/api/agencies/mine/escalations', { cookie: office.cookie });
    expect(theirs.body.escalations.map((e: any) => e.id)).not.to.include(esc.id);
    expect((await api(app.baseUrl, 'POST', `/api/agencies/mine/escalations/${esc.id}/resolve`, { cookie: office.cookie, body: { note: 'not mine to close' } })).status).to.equal(404);
    const done = await api(app.baseUrl, 'POST', `/api/agencies/mine/escalations/${esc.id}/resolve`, { cookie: parent.cookie, body: { note: 'Đã gọi Phòng LĐ-TB&XH huyện đôn đốc' } });
    expect(done.status).to.equal(200);
    expect(done.body.escalation.resolvedAt).to.be.a('string');
    const after = await api(app.baseUrl, 'GET', '/api/agencies/mine/escalations', { cookie: parent.cookie });
    expect(after.body.escalations.map((e: any) => e.id)).not.to.include(esc.id);
    // The parent still cannot open the referral itself.
    expect((await api(app.baseUrl, 'GET', `/api/referrals/${id}`, { cookie: parent.cookie })).status).to.equal(404);
  });

  it('lets a supervisor resolve an escalation once, with a note', async () => {
    const [id] = await route(app, await classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true }));
    // Make the acknowledge deadline pass at once and run the engine as the worker would.
    await scratch.db.updateTable('sla_clocks').set({ due_at: new Date(Date.now() - 1000), warn_at: null, next_at: new Date(Date.now() - 1000) })
      .where('referral_id', '=', id!).where('kind', '=', 'acknowledge').execute();
    await scratch.db.updateTable('sla_clocks').set({ supervisor_after_percent: 0 }).where('referral_id', '=', id!).execute();
    await engineOf(app).processDue();
    const board = await api(app.baseUrl, 'GET', '/api/supervisor/board', { cookie: supervisor });
    const esc = board.body.board.escalations.find((e: any) => e.referralId === id);
    expect(esc).to.include({ level: 2, clockKind: 'acknowledge' });
    const noNote = await api(app.baseUrl, 'POST', `/api/supervisor/escalations/${esc.id}/resolve`, { cookie: supervisor, body: { note: '' } });
    expect(noNote.status).to.equal(400);
    const ok = await api(app.baseUrl, 'POST', `/api/supervisor/escalations/${esc.id}/resolve`, { cookie: supervisor, body: { note: 'Đã gọi điện đôn đốc Phòng LĐ-TB&XH' } });
    expect(ok.status).to.equal(200);
    expect(ok.body.escalation.resolution).to.match(/đôn đốc/);
    const again = await api(app.baseUrl, 'POST', `/api/supervisor/escalations/${esc.id}/resolve`, { cookie: supervisor, body: { note: 'again please' } });
    expect(again.status).to.equal(409);
  });
});
