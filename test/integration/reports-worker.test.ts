import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { STAT_SHEET_NAMES, type ReportDetail, type ReportFileView, type StatsResult } from '../../shared/index.js';
import { insertReport } from '../../server/domain/reports/reports.repo.js';
import { COVER_SHEET, HEADER_ROW, REPORT_TITLE } from '../../server/domain/reports/xlsx.js';
import { relayLostReports } from '../../server/domain/reports/reports-relay.js';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { reportJobIdOf } from '../support/outbox.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { until } from '../support/until.js';
import { loadFixture, PERIOD, type Fixture } from './reports-fixture.js';

describe('periodic reports: built by the reports worker (BullMQ), kept, listed, downloaded as XLSX', function () {
  this.timeout(90_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let workers: RunningWorkers;
  let fx: Fixture;
  let supervisor: string;
  let officer: string;

  before(async () => {
    scratch = await scratchDatabase();
    fx = await loadFixture(scratch.db, (await createTestUser('operator', null, scratch.db)).id);
    app = await startTestApp({ db: scratch.db, config: { JOB_LOCK_SECONDS: '5' } });
    workers = await startWorkers(app.ctx);
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisor = await loginAs(app.baseUrl, sup.username, sup.password);
    const off = await createTestUser('agency_officer', fx.agencies.a1, scratch.db);
    officer = await loginAs(app.baseUrl, off.username, off.password);
  });
  after(async () => {
    await workers.close();
    await app.close();
    await scratch.drop();
  });

  const finished = (id: number, cookie: string) =>
    until(async () => {
      const r = await api(app.baseUrl, 'GET', `/api/reports/${id}`, { cookie });
      return r.body.report.status === 'done' || r.body.report.status === 'failed' ? (r.body as ReportDetail) : null;
    }, 30_000);

  async function workbookOf(url: string, cookie: string) {
    const res = await fetch(`${app.baseUrl}${url}`, { headers: { cookie } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return { wb, disposition: res.headers.get('content-disposition') ?? '' };
  }

  /** Every sheet against the figures the report holds: titles, headings, each row label and each number. */
  function checkWorkbook(wb: ExcelJS.Workbook, result: StatsResult, areaLine: string) {
    const cover = wb.getWorksheet(COVER_SHEET)!;
    expect(cover.getCell('A1').value).to.equal(REPORT_TITLE);
    expect(cover.getCell('A2').value).to.equal('Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 30/06/2025');
    expect(cover.getCell('A3').value).to.equal(areaLine);
    // Dated in Vietnam's local time (UTC+7), whatever the server's clock zone.
    const local = new Date(new Date(result.generatedAt).getTime() + 7 * 3600_000).toISOString();
    const dated = cover.getColumn(1).values.find((v) => typeof v === 'string' && v.startsWith('Ngày lập'));
    expect(dated).to.equal(`Ngày lập: ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`);
    expect(wb.worksheets.map((w) => w.name)).to.deep.equal([COVER_SHEET, ...result.tables.map((t) => STAT_SHEET_NAMES[t.id])]);
    for (const t of result.tables) {
      const ws = wb.getWorksheet(STAT_SHEET_NAMES[t.id])!;
      expect(ws.getCell('A1').value, t.id).to.equal(t.title.vi.toUpperCase());
      expect(ws.getCell('A2').value).to.equal('Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 30/06/2025');
      expect(ws.getCell('A3').value).to.equal(areaLine);
      const head = ws.getRow(HEADER_ROW).values as unknown[];
      expect(head.slice(1), t.id).to.deep.equal([t.dimension.vi, ...t.columns.map((c) => c.label.vi)]);
      const body = [...t.rows.map((r) => [r.label.vi, ...r.values]), ...(t.total ? [['Tổng cộng', ...t.total]] : [])];
      body.forEach((expected, i) => {
        // Array.from: a row's values are sparse where a cell is empty (a suppressed small count).
        const got = Array.from((ws.getRow(HEADER_ROW + 1 + i).values as unknown[]).slice(1), (v) => v ?? null);
        while (got.length < expected.length) got.push(null);
        expect(got.map((v) => v ?? null), `${t.id} row ${i + 1}`).to.deep.equal(expected);
      });
      if (t.note) expect(ws.getCell(`A${HEADER_ROW + body.length + 2}`).value).to.equal(`Ghi chú: ${t.note.vi}`);
    }
  }

  it('answers 202 at once, builds the workbook in the worker, and the workbook checks out cell by cell', async () => {
    const r = await api(app.baseUrl, 'POST', '/api/reports', { cookie: supervisor, body: { ...PERIOD, label: '6 tháng đầu năm 2025' } });
    expect(r.status).to.equal(202);
    const queued = r.body.report as ReportFileView;
    expect(queued).to.deep.include({ label: '6 tháng đầu năm 2025', params: { ...PERIOD, areaId: null }, area: null, agency: null, downloadUrl: null });
    expect(['queued', 'running', 'done']).to.include(queued.status);
    const job = await app.ctx.queues.reports.getJob(await reportJobIdOf(scratch.db, queued.id));
    expect(job?.data).to.deep.equal({ reportId: queued.id }); // ids only in Redis

    const detail = await finished(queued.id, supervisor);
    expect(detail.report).to.deep.include({ status: 'done', progress: 100, error: null, attempts: 1, downloadUrl: `/api/reports/${queued.id}/file` });
    expect(detail.report.fileName).to.equal('bao-cao-thong-ke_2025-01-01_2025-06-30_toan-quoc.xlsx');
    expect(detail.report.fileSize).to.be.greaterThan(5000);
    expect(detail.result!.tables).to.have.length(16);

    const { wb, disposition } = await workbookOf(detail.report.downloadUrl!, supervisor);
    expect(disposition).to.include('bao-cao-thong-ke_2025-01-01_2025-06-30_toan-quoc.xlsx');
    checkWorkbook(wb, detail.result!, 'Địa bàn: Toàn quốc');
    // And a few figures counted by hand from the fixture.
    const sex = wb.getWorksheet('Giới tính')!;
    expect((sex.getRow(HEADER_ROW + 1).values as unknown[]).slice(1)).to.deep.equal(['Nữ', 1, 1, 1, 3]);
    expect((sex.getRow(HEADER_ROW + 5).values as unknown[]).slice(1)).to.deep.equal(['Tổng cộng', 2, 2, 2, 6]);
    const ethnic = wb.getWorksheet('Dân tộc')!;
    expect([1, 2, 3, 4, 5].map((i) => (ethnic.getRow(HEADER_ROW + i).values as unknown[]).slice(1))).to.deep.equal([
      ['Kinh', 1, 0, 1, 2], ['Tày', 0, 0, 1, 1], ['HMông', 1, 0, 0, 1], ['Không rõ', 0, 2, 0, 2], ['Tổng cộng', 2, 2, 2, 6],
    ]);
    const times = wb.getWorksheet('Thời gian phản hồi')!;
    expect((times.getRow(HEADER_ROW + 1).values as unknown[]).slice(1)).to.deep.equal(['Tiếp nhận chuyển gửi', 4, 0.75, 1.7]);
    expect(times.getCell(`C${HEADER_ROW + 1}`).numFmt).to.equal('0.00');

    const audit = await scratch.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'report').orderBy('id').execute();
    expect(audit).to.deep.include.members([{ action: 'report.request', entity_id: String(queued.id) }, { action: 'report.download', entity_id: String(queued.id) }]);
  });

  it("builds an officer's report on its agency only; officers list and open only their own reports", async () => {
    const r = await api(app.baseUrl, 'POST', '/api/reports', { cookie: officer, body: { ...PERIOD, areaId: fx.units.q } });
    expect(r.status).to.equal(202);
    const id = r.body.report.id as number;
    expect(r.body.report.agency).to.deep.equal({ id: fx.agencies.a1, name: 'Phòng Một' });
    const detail = await finished(id, officer);
    expect(detail.report.status).to.equal('done');
    expect(detail.result!.agency).to.deep.equal({ id: fx.agencies.a1, name: 'Phòng Một' });
    const { wb } = await workbookOf(`/api/reports/${id}/file`, officer);
    checkWorkbook(wb, detail.result!, 'Địa bàn: Tỉnh Cũ (trước 01/7/2025) — Cơ quan: Phòng Một');
    const agencies = wb.getWorksheet('Cơ quan tiếp nhận')!;
    expect((agencies.getRow(HEADER_ROW + 1).values as unknown[]).slice(1)).to.deep.equal(['Phòng Một', 1, 0, 0, 1, 0]);

    const mine = await api(app.baseUrl, 'GET', '/api/reports', { cookie: officer });
    expect(mine.body.reports.map((x: ReportFileView) => x.id)).to.deep.equal([id]);
    const all = await api(app.baseUrl, 'GET', '/api/reports', { cookie: supervisor });
    expect(all.body.reports.map((x: ReportFileView) => x.id)).to.include(id).and.to.have.length.greaterThan(1);
    const other = all.body.reports.find((x: ReportFileView) => x.id !== id).id;
    expect((await api(app.baseUrl, 'GET', `/api/reports/${other}`, { cookie: officer })).status).to.equal(404);
    expect((await api(app.baseUrl, 'GET', `/api/reports/${other}/file`, { cookie: officer })).status).to.equal(404);
  });

  it('shows a failed attempt with its error, and BullMQ retries it', async () => {
    const missingArea = 987_650;
    const sup = await scratch.db.selectFrom('users').select('id').where('role', '=', 'supervisor').executeTakeFirstOrThrow();
    const id = await insertReport(scratch.db, { params: { ...PERIOD, areaId: missingArea }, label: null, scopeAgencyId: null, requestedBy: sup.id, now: new Date() });
    await app.ctx.queues.reports.add('build-report', { reportId: id }, { jobId: await reportJobIdOf(scratch.db, id), backoff: { type: 'fixed', delay: 1500 } });
    const failed = await until(async () => {
      const r = await api(app.baseUrl, 'GET', `/api/reports/${id}`, { cookie: supervisor });
      return r.body.report.status === 'failed' ? (r.body.report as ReportFileView) : null;
    });
    expect(failed.error).to.equal('unknown area');
    expect(failed.downloadUrl).to.equal(null);
    // The cause goes away (the unit is imported) before the next attempt: the retry succeeds.
    await scratch.owner.insertInto('admin_units').values({ id: missingArea, dataset: 'vn-2025', code: '77', level: 'province', name: 'Tỉnh Mới', parent_code: null, parent_id: null, valid_from: null, valid_to: null } as never).execute();
    const done = await until(async () => {
      const r = await api(app.baseUrl, 'GET', `/api/reports/${id}`, { cookie: supervisor });
      return r.body.report.status === 'done' ? (r.body as ReportDetail) : null;
    });
    expect(done.report).to.deep.include({ status: 'done', error: null, attempts: 2 });
    expect(done.result!.area).to.deep.include({ id: missingArea, name: 'Tỉnh Mới' });
  });

  it('reports progress as the queries and then the sheets finish', async () => {
    const { computeStats } = await import('../../server/domain/reports/stats.service.js');
    const { resolveScope } = await import('../../server/domain/reports/scope.js');
    const { buildWorkbook } = await import('../../server/domain/reports/xlsx.js');
    const seen: number[] = [];
    const scope = await resolveScope(scratch.db, PERIOD, { scopeAgencyId: null });
    const result = await computeStats({ db: scratch.db, clock: app.ctx.clock }, scope, { onProgress: (f) => void seen.push(f) });
    expect(seen).to.have.length(7);
    expect(seen.at(-1)).to.equal(1);
    expect([...seen].sort()).to.deep.equal(seen);
    const sheets: number[] = [];
    await buildWorkbook(result, (done, total) => void sheets.push(done / total));
    expect(sheets).to.have.length(16);
    expect(sheets.at(-1)).to.equal(1);
  });

  it('builds a report whose job never reached Redis (or Redis lost it): the relay sends it again', async () => {
    const sup = await scratch.db.selectFrom('users').select('id').where('role', '=', 'supervisor').executeTakeFirstOrThrow();
    const id = await insertReport(scratch.db, { params: { ...PERIOD, areaId: null }, label: null, scopeAgencyId: null, requestedBy: sup.id, now: new Date(Date.now() - 120_000) });
    expect(await app.ctx.queues.reports.getJob(await reportJobIdOf(scratch.db, id))).to.equal(undefined);
    expect(await relayLostReports(app.ctx)).to.equal(1);
    const detail = await finished(id, supervisor);
    expect(detail.report.status).to.equal('done');
    expect(await relayLostReports(app.ctx)).to.equal(0); // done: never sent again
  });

  it('builds again a report whose build completed before a database restore (the row says queued, the job completed)', async () => {
    const sup = await scratch.db.selectFrom('users').select('id').where('role', '=', 'supervisor').executeTakeFirstOrThrow();
    const id = await insertReport(scratch.db, { params: { ...PERIOD, areaId: null }, label: null, scopeAgencyId: null, requestedBy: sup.id, now: new Date(Date.now() - 120_000) });
    const first = await reportJobIdOf(scratch.db, id);
    await app.ctx.queues.reports.add('build-report', { reportId: id }, { jobId: first });
    await finished(id, supervisor);
    // The restore: the row is back to queued, without its file; Redis still holds the completed job.
    await scratch.db.updateTable('report_files').set({ status: 'queued', progress: 0, file: null, file_name: null, file_size: null, result: null, finished_at: null }).where('id', '=', id).execute();
    expect(await app.ctx.queues.reports.getJobState(first)).to.equal('completed');
    expect(await relayLostReports(app.ctx)).to.equal(1);
    const again = await reportJobIdOf(scratch.db, id);
    expect(again).to.match(new RegExp(`^${first}-r[0-9a-f]{8}$`));
    expect((await finished(id, supervisor)).report.status).to.equal('done');
    expect(await relayLostReports(app.ctx)).to.equal(0);
  });

  it('refuses a bad request with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ from: '2025-06-30', to: '2025-01-01' }, 'to'],
      [{ from: '2010-01-01', to: '2025-01-01' }, 'to'],
      [{ from: '2025-01-01', to: '2025-06-30', areaId: 987654321 }, 'areaId'],
      [{ to: '2025-06-30' }, 'from'],
    ] as const) {
      const r = await api(app.baseUrl, 'POST', '/api/reports', { cookie: supervisor, body });
      expect(r.status, JSON.stringify(body)).to.equal(400);
      expect(r.body.error.fields).to.have.property(field);
    }
  });
});
