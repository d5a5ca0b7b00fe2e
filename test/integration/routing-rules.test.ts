import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { RoutingRuleInput } from '../../server/domain/routing/rules.repo.js';
import type { Database } from '../../server/db/database.js';
import { DEFAULT_RULES } from '../../server/domain/routing/default-rules.js';
import { ensureDefaultRules, listActiveRules } from '../../server/domain/routing/rules.repo.js';
import { routingRulesRoutes } from '../../server/domain/routing/rules.routes.js';
import { ensureUnits } from '../support/demo-data.js';
import { insertUser } from '../../server/domain/users/users.repo.js';
import { asUser, call, startRouteApp } from '../support/route-app.js';
import { scratchDatabase } from '../support/scratch-database.js';

// A scratch database: the run's shared one keeps its default rules untouched for the other files.
// The routes are not registered in the API yet: served here with their real permission check and validation.
describe('admin: routing rules (/admin/routing-rules)', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof startRouteApp>>;
  let admin: Record<string, string>;
  let supervisor: Record<string, string>;
  before(async function () {
    this.timeout(60_000);
    ({ db, drop } = await scratchDatabase());
    await ensureUnits(db);
    expect(await ensureDefaultRules(db)).to.equal(DEFAULT_RULES.length);
    const user = (role: 'admin' | 'supervisor') =>
      insertUser(db, { username: `${role}-rules`, displayName: role, passwordHash: 'x', role, agencyId: null });
    admin = asUser({ id: await user('admin'), role: 'admin' });
    supervisor = asUser({ id: await user('supervisor'), role: 'supervisor' });
    app = await startRouteApp(routingRulesRoutes({ db }));
  });
  after(async () => {
    await app.close();
    await drop();
  });

  const sonLaRule = (over: Partial<RoutingRuleInput> = {}): RoutingRuleInput => ({
    name: 'Sơn La: Sở trước (Son La: department first)',
    track: 'primary',
    position: 5,
    filter: { locationWithin: [{ dataset: 'vn-2023', code: '14' }] },
    targets: [{ agencyType: 'provincial_department', scope: 'province', timeoutMinutes: 60 }],
    ...over,
  });
  const audits = (action: string) => db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  it('lists the default rules by track then position, for administrators only', async () => {
    const r = await call(app.baseUrl, 'GET', '/admin/routing-rules', { headers: admin });
    expect(r.status).to.equal(200);
    expect(r.body.rules).to.have.length(14);
    expect(r.body.rules.map((x: { track: string }) => x.track)).to.deep.equal([
      ...Array(8).fill('primary'), 'police', ...Array(4).fill('shelter'), 'border_guard',
    ]);
    expect(r.body.rules[0]).to.include({ position: 10, active: true, onExhausted: 'supervisor' });
    expect(r.body.rules[0].filter).to.deep.equal({ abroad: true, immediateDanger: true });
    expect((await call(app.baseUrl, 'GET', '/admin/routing-rules', { headers: supervisor })).status).to.equal(403);
    expect((await call(app.baseUrl, 'GET', '/admin/routing-rules')).status).to.equal(401);
  });

  it('creates a rule (201, defaults applied), audited', async () => {
    const r = await call(app.baseUrl, 'POST', '/admin/routing-rules', { headers: admin, body: sonLaRule() });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.rule).to.deep.include({ track: 'primary', position: 5, active: true, onExhausted: 'supervisor' });
    expect(r.body.rule.targets).to.deep.equal([{ agencyType: 'provincial_department', scope: 'province', priority: 'case', timeoutMinutes: 60 }]);
    const [a] = await audits('routing_rule.create');
    expect(a).to.include({ entity_type: 'routing_rule', entity_id: String(r.body.rule.id), actor_role: 'admin' });
    expect(a!.details).to.deep.include({ filter: ['locationWithin'], targets: ['provincial_department@province/60m'] });
  });

  const invalid: [string, RoutingRuleInput, string][] = [
    ['the shelter track targeting the police', sonLaRule({ track: 'shelter', targets: [{ agencyType: 'police', scope: 'province', timeoutMinutes: 5 }] }), 'targets'],
    ['nearest_with_capacity for a non-shelter', sonLaRule({ targets: [{ agencyType: 'police', scope: 'nearest_with_capacity', timeoutMinutes: 5 }] }), 'targets'],
    ['a zero timeout', sonLaRule({ targets: [{ agencyType: 'police', scope: 'province', timeoutMinutes: 0 }] }), 'targets.0.timeoutMinutes'],
    ['an unknown filter key', sonLaRule({ filter: { weather: 'rain' } as never }), 'filter'],
    ['an unknown unit', sonLaRule({ filter: { locationWithin: [{ dataset: 'vn-2023', code: '99' }] } }), 'filter.locationWithin.0'],
    ['an unknown track', sonLaRule({ track: 'ngo' as never }), 'track'],
  ];
  for (const [title, body, field] of invalid)
    it(`refuses ${title} (400 naming ${field})`, async () => {
      const r = await call(app.baseUrl, 'POST', '/admin/routing-rules', { headers: admin, body });
      expect(r.status).to.equal(400);
      expect(r.body.error.fields).to.have.property(field);
    });

  it('updates a rule (deactivating it takes it out of routing), audited; unknown id 404', async () => {
    const created = (await call(app.baseUrl, 'POST', '/admin/routing-rules', { headers: admin, body: sonLaRule({ name: 'Tạm (Temporary)' }) })).body.rule;
    const r = await call(app.baseUrl, 'PUT', `/admin/routing-rules/${created.id}`, { headers: admin, body: sonLaRule({ name: 'Tạm, tắt (Temporary, off)', active: false }) });
    expect(r.status).to.equal(200);
    expect(r.body.rule).to.include({ id: created.id, name: 'Tạm, tắt (Temporary, off)', active: false });
    expect((await listActiveRules(db)).map((x) => x.id)).not.to.include(created.id);
    expect((await audits('routing_rule.update')).map((a) => a.entity_id)).to.deep.equal([String(created.id)]);
    expect((await call(app.baseUrl, 'PUT', '/admin/routing-rules/999999', { headers: admin, body: sonLaRule() })).status).to.equal(404);
    expect((await call(app.baseUrl, 'PUT', `/admin/routing-rules/${created.id}`, { headers: supervisor, body: sonLaRule() })).status).to.equal(403);
  });

  it('ensureDefaultRules never touches a table that has rules', async () => {
    expect(await ensureDefaultRules(db)).to.equal(0);
  });
});
