import { expect } from 'chai';
import { htcdsQuery, reportBody, statsQuery, type StatTable } from '../../shared/index.js';
import { csvField, statTableCsv } from '../../server/domain/reports/csv.js';
import { runs } from '../../server/domain/reports/rollup.js';
import { localMidnight, nextDay } from '../../server/domain/reports/scope.js';
import { complianceTable, contactTables, responseTable } from '../../server/domain/reports/stats-tables.js';
import { reportFileName, vnDate } from '../../server/domain/reports/xlsx.js';

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('reports: periods, tables and files', () => {
  it('checks periods: ends before it starts, over 10 years, bad dates, k below 2', () => {
    expect(statsQuery.safeParse({ from: '2025-01-01', to: '2025-12-31' }).success).to.equal(true);
    expect(statsQuery.safeParse({ from: '2025-01-01', to: '2025-01-01' }).success).to.equal(true);
    expect(fields(statsQuery.safeParse({ from: '2025-01-02', to: '2025-01-01' }))).to.deep.equal(['to']);
    expect(statsQuery.safeParse({ from: '2016-03-01', to: '2026-02-28' }).success).to.equal(true);
    expect(fields(statsQuery.safeParse({ from: '2016-03-01', to: '2026-03-01' }))).to.deep.equal(['to']);
    expect(fields(statsQuery.safeParse({ from: '2025-02-30', to: '2025-03-01' }))).to.deep.equal(['from']);
    expect(fields(statsQuery.safeParse({ from: '2025-01-01', to: '2025-03-01', areaId: '0' }))).to.deep.equal(['areaId']);
    expect(statsQuery.parse({ from: '2025-01-01', to: '2025-03-01', areaId: '42' }).areaId).to.equal(42);
    expect(htcdsQuery.parse({ from: '2025-01-01', to: '2025-03-01' })).to.deep.include({ k: 11, format: 'csv' });
    expect(fields(htcdsQuery.safeParse({ from: '2025-01-01', to: '2025-03-01', k: '1' }))).to.deep.equal(['k']);
    expect(reportBody.parse({ from: '2025-01-01', to: '2025-06-30' })).to.deep.equal({ from: '2025-01-01', to: '2025-06-30', areaId: null, label: null });
  });

  it('turns local days (UTC+7) into instants', () => {
    expect(localMidnight('2025-01-01').toISOString()).to.equal('2024-12-31T17:00:00.000Z');
    expect(nextDay('2024-02-28')).to.equal('2024-02-29');
    expect(nextDay('2025-12-31')).to.equal('2026-01-01');
    expect(runs(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-05', '2025-03-01', '2025-03-02'])).to.deep.equal([
      ['2025-01-01', '2025-01-03'], ['2025-01-05', '2025-01-05'], ['2025-03-01', '2025-03-02'],
    ]);
  });

  it('writes CSV fields safely: quotes, separators, and no formulas', () => {
    expect(csvField('Phòng LĐ-TB&XH, huyện "Vị Xuyên"')).to.equal('"Phòng LĐ-TB&XH, huyện ""Vị Xuyên"""');
    expect(csvField('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+84 123')).to.equal("'+84 123");
    expect(csvField(null)).to.equal('');
    expect(csvField(12.5)).to.equal('12.5');
    const t: StatTable = {
      id: 'response_times', title: { vi: 't', en: 't' }, dimension: { vi: 'Mốc', en: 'Deadline' },
      columns: [{ key: 'p50', label: { vi: 'Trung vị', en: 'p50' }, unit: 'hours' }], rows: [{ key: 'a', label: { vi: 'A', en: 'A' }, values: [null] }],
      total: null, note: null,
    };
    expect(statTableCsv(t, 'en')).to.equal('\uFEFFDeadline,p50\r\nA,\r\n');
  });

  it('builds every row of an enumeration, zeros included, and computes compliance only when something finished', () => {
    const [channel, callType] = contactTables([{ dim: 'channel', key: 'voice', n: 3 }, { dim: 'call_type', key: '', n: 3 }, { dim: '', key: '', n: 3 }]);
    expect(channel!.rows).to.have.length(9);
    expect(channel!.rows.find((r) => r.key === 'voice')!.values).to.deep.equal([3]);
    expect(callType!.rows.at(-1)).to.deep.include({ key: 'unset', values: [3] });
    expect(channel!.total).to.deep.equal([3]);
    const c = complianceTable([{ kind: 'acknowledge', met: 2, breached: 1, running: 0 }]);
    expect(c.rows.map((r) => r.values)).to.deep.equal([[2, 1, 0, 66.7], [0, 0, 0, null], [0, 0, 0, null]]);
    const rt = responseTable([{ metric: 'close', n: 2, p50: 367.754, p90: null }]);
    expect(rt.rows.find((r) => r.key === 'close')!.values).to.deep.equal([2, 367.75, null]);
  });

  it('names files and dates the Vietnamese way', () => {
    expect(vnDate('2025-07-01')).to.equal('01/07/2025');
    const base = { period: { from: '2025-01-01', to: '2025-06-30' }, generatedAt: '', tables: [], agency: null };
    expect(reportFileName({ ...base, area: null })).to.equal('bao-cao-thong-ke_2025-01-01_2025-06-30_toan-quoc.xlsx');
    expect(reportFileName({ ...base, area: { id: 1, code: '08', name: 'x', level: 'province', dataset: 'vn-2025' }, agency: { id: 7, name: 'y' } }))
      .to.equal('bao-cao-thong-ke_2025-01-01_2025-06-30_vn-2025-08_co-quan-7.xlsx');
  });
});
