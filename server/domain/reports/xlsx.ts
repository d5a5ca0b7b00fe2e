import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { STAT_SHEET_NAMES, STAT_TERMS, areaTitle, vnDay, type StatsResult, type StatTable } from '../../../shared/index.js';

/** The workbook's title (first sheet) and each sheet's title row. */
export const REPORT_TITLE = 'BÁO CÁO THỐNG KÊ TIẾP NHẬN, BẢO VỆ VÀ HỖ TRỢ NẠN NHÂN — TỔNG ĐÀI 111';
export const COVER_SHEET = 'Thông tin chung';
/** Rows 1–3: title, period, area; row 4 empty; row 5 the headings; data from row 6. */
export const HEADER_ROW = 5;

/** 2025-07-01 → 01/07/2025, as Vietnamese documents write dates. */
export const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function periodLine(r: StatsResult): string {
  return `${STAT_TERMS.period.vi}: từ ngày ${vnDate(r.period.from)} đến ngày ${vnDate(r.period.to)}`;
}

export function areaLine(r: StatsResult): string {
  const area = r.area ? areaTitle(r.area, 'vi') : STAT_TERMS.nation.vi;
  return `${STAT_TERMS.area.vi}: ${area}${r.agency ? ` — ${STAT_TERMS.agency.vi}: ${r.agency.name}` : ''}`;
}

export const areaNoteLine = (r: StatsResult) => (r.areaNote ? `Ghi chú: ${r.areaNote.text.vi}` : null);

export function reportFileName(r: StatsResult): string {
  const where = r.area ? `${r.area.dataset}-${r.area.code}` : 'toan-quoc';
  return `bao-cao-thong-ke_${r.period.from}_${r.period.to}_${where}${r.agency ? `_co-quan-${r.agency.id}` : ''}.xlsx`;
}

/**
 * The periodic report as an XLSX workbook: a cover sheet, then one sheet per statistics table with Vietnamese
 * headings and the period and area in its title rows. Written with exceljs's streaming writer (each sheet is
 * committed and released as it is done), into memory: the caller stores the bytes in PostgreSQL.
 */
export async function buildWorkbook(r: StatsResult, onSheet?: (done: number, total: number) => void | Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'hotline111';
  wb.created = new Date(r.generatedAt);

  const cover = wb.addWorksheet(COVER_SHEET);
  cover.columns = [{ width: 40 }, { width: 60 }];
  cover.addRow([REPORT_TITLE]).font = { bold: true, size: 14 };
  cover.addRow([periodLine(r)]).commit();
  cover.addRow([areaLine(r)]).commit();
  // The local date: a report made at 05:00 on the 23rd in Vietnam is dated the 23rd, not the UTC 22nd.
  cover.addRow([`Ngày lập: ${vnDate(vnDay(new Date(r.generatedAt)))}`]).commit();
  // How the area's figures relate to the 2025 reform (which old units they include), under the area it explains.
  if (r.areaNote) {
    const note = cover.addRow([areaNoteLine(r)]);
    note.font = { italic: true };
    note.commit();
  }
  cover.addRow([]).commit();
  cover.addRow(['Biểu', 'Nội dung']).font = { bold: true };
  r.tables.forEach((t) => cover.addRow([STAT_SHEET_NAMES[t.id], t.title.vi]).commit());
  cover.commit();

  for (const [i, t] of r.tables.entries()) {
    writeSheet(wb.addWorksheet(STAT_SHEET_NAMES[t.id]), t, r);
    await onSheet?.(i + 1, r.tables.length);
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

function writeSheet(ws: ExcelJS.Worksheet, t: StatTable, r: StatsResult): void {
  ws.columns = [{ width: 48 }, ...t.columns.map(() => ({ width: 18 }))];
  ws.addRow([t.title.vi.toUpperCase()]).font = { bold: true, size: 13 };
  ws.addRow([periodLine(r)]).commit();
  ws.addRow([areaLine(r)]).commit();
  ws.addRow([]).commit();
  const head = ws.addRow([t.dimension.vi, ...t.columns.map((c) => c.label.vi)]);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  head.commit();
  const formats = t.columns.map((c) => (c.unit === 'hours' ? '0.00' : c.unit === 'percent' ? '0.0' : '#,##0'));
  const addValues = (label: string, values: (number | null)[], bold = false) => {
    const row = ws.addRow([label, ...values.map((v) => v ?? null)]);
    formats.forEach((f, i) => (row.getCell(i + 2).numFmt = f));
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const row of t.rows) addValues(row.label.vi, row.values);
  if (t.total) addValues(STAT_TERMS.total.vi, t.total, true);
  if (t.note) {
    ws.addRow([]).commit();
    ws.addRow([`Ghi chú: ${t.note.vi}`]).font = { italic: true };
  }
  ws.commit();
}
