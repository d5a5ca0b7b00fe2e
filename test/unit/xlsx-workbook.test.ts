import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { StatsResult } from '../../shared/index.js';
import { STAT_SHEET_NAMES } from '../../shared/index.js';
import { buildWorkbook, COVER_SHEET, HEADER_ROW, NUM_FMT, REPORT_TITLE } from '../../server/domain/reports/xlsx.js';

const LONG_AGENCY = 'Phòng Lao động – Thương binh và Xã hội huyện Vị Xuyên';

const result: StatsResult = {
  period: { from: '2026-01-01', to: '2026-06-30' },
  area: null,
  agency: null,
  generatedAt: '2026-07-01T01:00:00Z',
  tables: [
    {
      id: 'contacts_by_channel',
      title: { vi: 'Liên hệ theo kênh', en: 'Contacts by channel' },
      dimension: { vi: 'Kênh', en: 'Channel' },
      columns: [{ key: 'n', label: { vi: 'Số liên hệ', en: 'Contacts' }, unit: 'count' }],
      rows: [
        { key: 'voice', label: { vi: 'Cuộc gọi', en: 'Call' }, values: [1234567] },
        { key: 'sms', label: { vi: LONG_AGENCY, en: 'SMS' }, values: [3] },
      ],
      total: [1234570],
      note: null,
    },
    {
      id: 'response_times',
      title: { vi: 'Thời gian xử lý', en: 'Response times' },
      dimension: { vi: 'Mốc', en: 'Deadline' },
      columns: [
        { key: 'n', label: { vi: 'Số ca', en: 'Cases' }, unit: 'count' },
        { key: 'p50', label: { vi: 'Trung vị (giờ)', en: 'Median (hours)' }, unit: 'hours' },
        { key: 'rate', label: { vi: 'Tỷ lệ đúng hạn (%)', en: 'On time (%)' }, unit: 'percent' },
      ],
      rows: [{ key: 'acknowledge', label: { vi: 'Tiếp nhận', en: 'Acknowledge' }, values: [12, 603.76, 66.7] }],
      total: null,
      note: null,
    },
  ],
} as unknown as StatsResult;

describe('workbooks people can read (server/domain/reports/xlsx.ts)', () => {
  let wb: ExcelJS.Workbook;
  before(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildWorkbook(result)) as never);
  });

  it('puts the title, the period and the area in the first rows of the cover and of every sheet', () => {
    const cover = wb.getWorksheet(COVER_SHEET)!;
    expect(cover.getCell('A1').value).to.equal(REPORT_TITLE);
    expect(cover.getCell('A2').value).to.equal('Kỳ báo cáo: từ ngày 01/01/2026 đến ngày 30/06/2026');
    expect(String(cover.getCell('A3').value)).to.match(/^Địa bàn: /);
    for (const t of result.tables) {
      const ws = wb.getWorksheet(STAT_SHEET_NAMES[t.id])!;
      expect(ws.getCell('A1').value).to.equal(t.title.vi.toUpperCase());
      expect(ws.getCell('A2').value).to.equal(cover.getCell('A2').value);
      expect(ws.getCell('A3').value).to.equal(cover.getCell('A3').value);
      expect(ws.getCell(`A${HEADER_ROW}`).value).to.equal(t.dimension.vi);
    }
  });

  it('freezes the heading row (and the label column) on every table sheet', () => {
    for (const t of result.tables) {
      const view = wb.getWorksheet(STAT_SHEET_NAMES[t.id])!.views[0] as { state: string; ySplit: number; xSplit: number };
      expect(view.state).to.equal('frozen');
      expect(view.ySplit).to.equal(HEADER_ROW);
      expect(view.xSplit).to.equal(1);
    }
  });

  it('sizes every column to its content: wide enough for the longest value and heading word, never the same for all', () => {
    for (const t of result.tables) {
      const ws = wb.getWorksheet(STAT_SHEET_NAMES[t.id])!;
      const n = t.columns.length + 1;
      for (let c = 1; c <= n; c++) {
        const col = ws.getColumn(c);
        expect(col.width, `${t.id} column ${c}`).to.be.a('number');
        let longest = 0;
        col.eachCell((cell, row) => {
          if (row < HEADER_ROW) return; // title rows run across
          const v = cell.value;
          const text = typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(v ?? '');
          longest = Math.max(longest, row === HEADER_ROW ? Math.max(...text.split(/\s+/).map((w) => w.length)) : text.length);
        });
        expect(col.width!, `${t.id} column ${c}`).to.be.at.least(longest);
        expect(col.width!, `${t.id} column ${c}`).to.be.at.most(longest + 30);
      }
    }
    const channels = wb.getWorksheet(STAT_SHEET_NAMES.contacts_by_channel)!;
    expect(channels.getColumn(1).width).to.be.at.least(LONG_AGENCY.length);
    const cover = wb.getWorksheet(COVER_SHEET)!;
    expect(cover.getColumn(1).width).to.be.a('number');
    expect(cover.getColumn(2).width).to.be.at.least('Liên hệ theo kênh'.length);
  });

  it('formats numbers per column: counts with separators, hours to two decimals, percentages to one', () => {
    const channels = wb.getWorksheet(STAT_SHEET_NAMES.contacts_by_channel)!;
    expect(channels.getCell(`B${HEADER_ROW + 1}`).value).to.equal(1234567);
    expect(channels.getCell(`B${HEADER_ROW + 1}`).numFmt).to.equal(NUM_FMT.count);
    expect(channels.getCell(`B${HEADER_ROW + 3}`).numFmt).to.equal('#,##0'); // the total
    expect(channels.getCell(`A${HEADER_ROW + 3}`).font?.bold).to.equal(true);
    const times = wb.getWorksheet(STAT_SHEET_NAMES.response_times)!;
    const row = times.getRow(HEADER_ROW + 1);
    expect([row.getCell(2).numFmt, row.getCell(3).numFmt, row.getCell(4).numFmt]).to.deep.equal(['#,##0', '#,##0.00', '0.0']);
    expect(row.getCell(3).value).to.equal(603.76);
  });
});
