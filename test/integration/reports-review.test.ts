import { expect } from 'chai';
import type { HtcdsExport } from '../../shared/index.js';
import { insertReport, markDone, markFailed, markRunning, setProgress } from '../../server/domain/reports/reports.repo.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { loadFixture, PERIOD, type Fixture } from './reports-fixture.js';

describe('reports review: export area, idempotent report states', function () {
  this.timeout(60_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let fx: Fixture;
  let supervisor: string;
  let supervisorId: number;

  before(async () => {
    scratch = await scratchDatabase();
    fx = await loadFixture(scratch.db, (await createTestUser('operator', null, scratch.db)).id);
    app = await startTestApp({ db: scratch.db });
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisorId = sup.id;
    supervisor = await loginAs(app.baseUrl, sup.username, sup.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  const htcdsAudits = async () =>
    (await scratch.db.selectFrom('audit_log').select('id').where('action', '=', 'export.htcds').execute()).length;

  it('refuses an HTCDS export for an area below a province (a commune or district would leave with every row), auditing nothing', async () => {
    const before = await htcdsAudits();
    for (const unit of [fx.units.c3, fx.units.d, fx.units.e]) {
      const r = await api(app.baseUrl, 'GET', `/api/exports/htcds?from=${PERIOD.from}&to=${PERIOD.to}&format=json&k=5&areaId=${unit}`, { cookie: supervisor });
      expect(r.status, `unit ${unit}`).to.equal(400);
      expect(r.body.error.fields, `unit ${unit}`).to.have.property('areaId');
      expect(JSON.stringify(r.body)).not.to.include('Xã');
    }
    expect(await htcdsAudits()).to.equal(before);
    const ok = await api(app.baseUrl, 'GET', `/api/exports/htcds?from=${PERIOD.from}&to=${PERIOD.to}&format=json&k=5&areaId=${fx.units.p2}`, { cookie: supervisor });
    expect(ok.status).to.equal(200);
    expect((ok.body as HtcdsExport).area).to.deep.equal({ id: fx.units.p2, name: 'Tỉnh Hai' });
  });

  it('never turns a finished report back into a failed or running one (a late duplicate attempt)', async () => {
    const id = await insertReport(scratch.db, { params: { ...PERIOD, areaId: null }, label: null, scopeAgencyId: null, requestedBy: supervisorId, now: new Date() });
    await markRunning(scratch.db, id, new Date());
    const { computeStats } = await import('../../server/domain/reports/stats.service.js');
    const { resolveScope } = await import('../../server/domain/reports/scope.js');
    const result = await computeStats({ db: scratch.db, clock: app.ctx.clock }, await resolveScope(scratch.db, PERIOD, { scopeAgencyId: null }), { only: ['victims_by_sex'] });
    await markDone(scratch.db, id, { file: Buffer.from('xlsx'), fileName: 'r.xlsx', result, now: new Date() });
    await markFailed(scratch.db, id, 'Missing lock for job', new Date());
    await markRunning(scratch.db, id, new Date()).catch(() => {});
    const row = await scratch.db.selectFrom('report_files').select(['status', 'file_name', 'error', 'progress']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ status: 'done', file_name: 'r.xlsx', error: null, progress: 100 });
  });

  it('never shows progress going backwards when the parallel queries report out of order', async () => {
    const id = await insertReport(scratch.db, { params: { ...PERIOD, areaId: null }, label: null, scopeAgencyId: null, requestedBy: supervisorId, now: new Date() });
    await markRunning(scratch.db, id, new Date());
    // Two of the seven queries finish together: the update for 2/7 commits after the one for 3/7.
    await setProgress(scratch.db, id, 50 * (3 / 7));
    await setProgress(scratch.db, id, 50 * (2 / 7));
    const row = await scratch.db.selectFrom('report_files').select('progress').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.progress).to.equal(21);
    await markRunning(scratch.db, id, new Date()); // a new attempt starts again from 0
    expect((await scratch.db.selectFrom('report_files').select('progress').where('id', '=', id).executeTakeFirstOrThrow()).progress).to.equal(0);
  });
});
