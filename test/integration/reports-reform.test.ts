import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { StatsResult } from '../../shared/index.js';
import { buildReport } from '../../server/domain/reports/reports.service.js';
import { refreshRollups } from '../../server/domain/reports/rollup.js';
import { resolveScope } from '../../server/domain/reports/scope.js';
import { caseCounts, contactCounts, victimCounts, type Via } from '../../server/domain/reports/stats.queries.js';
import { COVER_SHEET } from '../../server/domain/reports/xlsx.js';
import { caseProvince } from '../../server/domain/sla/board.query.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { loadReformFixture, YEAR, type ReformFixture } from './reports-reform-fixture.js';

const total = (r: StatsResult, id: string) => r.tables.find((x) => x.id === id)!.total;
const rows = (r: StatsResult, id: string) => Object.fromEntries(r.tables.find((x) => x.id === id)!.rows.map((x) => [x.key, x.values]));

describe('statistics across the 2025 reform: one map, old places counted where they lie today', function () {
  this.timeout(120_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let fx: ReformFixture;
  let supervisor: string;
  const stats = async (areaId: number | null) => {
    const r = await api(app.baseUrl, 'GET', `/api/stats?from=${YEAR.from}&to=${YEAR.to}${areaId ? `&areaId=${areaId}` : ''}`, { cookie: supervisor });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body as StatsResult;
  };

  before(async () => {
    scratch = await scratchDatabase();
    fx = await loadReformFixture(scratch.db);
    app = await startTestApp({ db: scratch.db });
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisor = await loginAs(app.baseUrl, sup.username, sup.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it("counts old Hà Giang, old Tuyên Quang and today's Tuyên Quang contacts in Tuyên Quang (2025): the sum of the parts", async () => {
    const u = fx.units;
    const [tq, haGiang, oldTq, sonLa] = await Promise.all([stats(u.tq2025), stats(u.haGiang2023), stats(u.tq2023), stats(u.sonLa2025)]);
    // Contacts: 4 recorded in old Hà Giang units, 1 in an old Tuyên Quang unit, 1 in a 2025 unit of Tuyên Quang.
    expect(total(haGiang, 'contacts_by_channel')).to.deep.equal([4]);
    expect(total(oldTq, 'contacts_by_channel')).to.deep.equal([1]);
    expect(total(tq, 'contacts_by_channel')).to.deep.equal([4 + 1 + 1]);
    expect(total(sonLa, 'contacts_by_channel')).to.deep.equal([1]);
    // Cases (trafficking, suspected, cases, victims) and victims (trafficking, suspected, other, total) add up too.
    expect(total(haGiang, 'cases_by_purpose')).to.deep.equal([2, 1, 3, 3]);
    expect(total(oldTq, 'cases_by_purpose')).to.deep.equal([0, 0, 0, 0]);
    expect(total(tq, 'cases_by_purpose')).to.deep.equal([2 + 0 + 1, 1, 3 + 0 + 1, 3 + 0 + 2]);
    expect(total(haGiang, 'victims_by_sex')).to.deep.equal([2, 1, 0, 3]);
    expect(total(oldTq, 'victims_by_sex')).to.deep.equal([0, 0, 1, 1]);
    expect(total(tq, 'victims_by_sex')).to.deep.equal([4, 1, 1, 6]);
    // Referrals and SLA clocks filter by the same area: r1 (old Đạo Đức) and r2 (Xã Vị Xuyên, 2025).
    expect(total(tq, 'referrals_by_status')).to.deep.equal([2]);
    expect(total(haGiang, 'referrals_by_status')).to.deep.equal([1]);
    expect(rows(tq, 'sla_compliance').acknowledge).to.deep.equal([1, 1, 0, 50]);
    expect(rows(haGiang, 'sla_compliance').acknowledge).to.deep.equal([1, 0, 0, 100]);
  });

  it('counts an undivided old commune in its successor, a divided one in the 2025 province only, never in a candidate commune', async () => {
    const u = fx.units;
    const [viXuyen, vietLam, oldVietLam, district, minhXuan] = await Promise.all(
      [stats(u.viXuyen2025), stats(u.vietLam2025), stats(u.vietLam2023), stats(u.viXuyenDistrict2023), stats(u.minhXuan2025)]);
    expect(total(viXuyen, 'contacts_by_channel'), 'Xã Vị Xuyên: its own, and old Đạo Đức twice').to.deep.equal([3]);
    expect(total(vietLam, 'contacts_by_channel'), 'Xã Việt Lâm (2025): not the divided old Việt Lâm').to.deep.equal([0]);
    expect(total(oldVietLam, 'contacts_by_channel')).to.deep.equal([1]);
    expect(total(district, 'contacts_by_channel'), 'old huyện Vị Xuyên: its own units only').to.deep.equal([4]);
    expect(total(minhXuan, 'contacts_by_channel')).to.deep.equal([1]);
    expect(total(viXuyen, 'referrals_by_status')).to.deep.equal([2]);
    expect(total(vietLam, 'referrals_by_status')).to.deep.equal([0]);
  });

  it("names today's province in the province tables and on the board", async () => {
    const nation = await stats(null);
    const byProvince = nation.tables.find((t) => t.id === 'cases_by_province')!;
    expect(rows(nation, 'cases_by_province')).to.deep.equal({ [String(fx.units.tq2025)]: [3, 1, 4, 5], [String(fx.units.sonLa2025)]: [1, 0, 1, 1] });
    expect(byProvince.rows[0]!.label).to.deep.equal({ vi: 'Tuyên Quang', en: 'Tuyên Quang' });
    expect(rows(await stats(fx.units.haGiang2023), 'cases_by_province')).to.deep.equal({ [String(fx.units.tq2025)]: [2, 1, 3, 3] });
    const board = await sql<{ p: { id: number; name: string } }>`select ${caseProvince(sql.lit(fx.units.daoDuc2023))} as p`.execute(scratch.db);
    expect(board.rows[0]!.p).to.deep.equal({ id: fx.units.tq2025, name: 'Tuyên Quang' });
  });

  it('says how many contacts of a 2025 area were recorded with old units, and that an old area counts its own units only', async () => {
    const u = fx.units;
    const [tq, viXuyen, vietLam, haGiang, nation] = await Promise.all(
      [stats(u.tq2025), stats(u.viXuyen2025), stats(u.vietLam2025), stats(u.haGiang2023), stats(null)]);
    expect(tq.areaNote).to.deep.include({ kind: 'crosswalk', oldUnitContacts: 5 });
    expect(tq.areaNote!.text.vi).to.equal('Số liệu của khu vực theo địa giới từ 01/7/2025 gồm cả các liên hệ ghi theo đơn vị hành chính cũ ' +
      'thuộc khu vực này (theo bảng chuyển đổi 2025): 5 liên hệ.');
    expect(tq.areaNote!.text.en).to.include('(by the 2025 crosswalk): 5 contacts.');
    expect(viXuyen.areaNote).to.deep.include({ kind: 'crosswalk', oldUnitContacts: 2 });
    expect(viXuyen.areaNote!.text.vi).to.include(': 2 liên hệ. Xã cũ được chia cho nhiều xã mới chỉ được tính vào tỉnh');
    expect(vietLam.areaNote).to.deep.include({ kind: 'crosswalk', oldUnitContacts: 0 });
    expect(haGiang.areaNote).to.deep.include({ kind: 'old_units', oldUnitContacts: null });
    expect(haGiang.areaNote!.text.vi).to.match(/^Khu vực theo địa giới trước 01\/7\/2025: chỉ tính các liên hệ ghi theo đơn vị hành chính cũ/);
    expect(nation.areaNote).to.equal(null);
    // The area with its full path.
    expect(viXuyen.area).to.deep.include({ name: 'Xã Vị Xuyên', path: 'Xã Vị Xuyên, Tuyên Quang', dataset: 'vn-2025' });
    expect((await stats(fx.units.daoDuc2023)).area!.path).to.equal('Xã Đạo Đức, huyện Vị Xuyên, Hà Giang');
  });

  it('puts the note and the marked area in the workbook\'s cover sheet', async () => {
    const cover = async (areaId: number) => {
      const r = await api(app.baseUrl, 'POST', '/api/reports', { cookie: supervisor, body: { ...YEAR, areaId } });
      expect(r.status).to.equal(202);
      await buildReport(app.ctx, r.body.report.id); // what the reports worker runs
      const res = await fetch(`${app.baseUrl}/api/reports/${r.body.report.id}/file`, { headers: { cookie: supervisor } });
      expect(res.status).to.equal(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      return wb.getWorksheet(COVER_SHEET)!.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    };
    const tq = await cover(fx.units.tq2025);
    expect(tq).to.include('Địa bàn: Tuyên Quang');
    expect(tq).to.include('Ghi chú: Số liệu của khu vực theo địa giới từ 01/7/2025 gồm cả các liên hệ ghi theo đơn vị hành chính cũ ' +
      'thuộc khu vực này (theo bảng chuyển đổi 2025): 5 liên hệ.');
    const haGiang = await cover(fx.units.haGiang2023);
    expect(haGiang).to.include('Địa bàn: Tỉnh Hà Giang (trước 01/7/2025)');
    expect(haGiang.find((l) => l.startsWith('Ghi chú: '))).to.match(/^Ghi chú: Khu vực theo địa giới trước 01\/7\/2025/);
  });

  it('counts the same from the rollups as directly, for every area of either map', async () => {
    await refreshRollups(scratch.db);
    const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    for (const areaId of [null, ...Object.values(fx.units)]) {
      const scope = await resolveScope(scratch.db, { ...YEAR, areaId }, { scopeAgencyId: null });
      for (const query of [contactCounts, caseCounts, victimCounts] as ((db: typeof scratch.db, s: typeof scope, via: Via) => Promise<unknown[]>)[]) {
        const direct = await query(scratch.db, scope, 'direct');
        expect(sorted(await query(scratch.db, scope, 'rollup')), `${query.name} area ${areaId}`).to.deep.equal(sorted(direct));
      }
    }
  });
});
