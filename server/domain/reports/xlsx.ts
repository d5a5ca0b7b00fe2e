import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { STAT_SHEET_NAMES, STAT_TERMS, areaTitle, vnDay, type StatsResult, type StatTable, type StatUnit } from '../../../shared/index.js';

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

  const coverRows: (string | null)[][] = [
    [REPORT_TITLE],
    [periodLine(r)],
    [areaLine(r)],
    // The local date: a report made at 05:00 on the 23rd in Vietnam is dated the 23rd, not the UTC 22nd.
    [`Ngày lập: ${vnDate(vnDay(new Date(r.generatedAt)))}`],
  ];
  const listed = r.tables.map((t) => [STAT_SHEET_NAMES[t.id], t.title.vi]);
  const cover = wb.addWorksheet(COVER_SHEET);
  // Title lines run across; the columns fit the list of sheets.
  cover.columns = [{ width: fitWidth([['Biểu'], ...listed].map((row) => row[0] ?? '')) }, { width: fitWidth(['Nội dung', ...listed.map((row) => row[1] ?? '')]) }];
  cover.addRow(coverRows[0]!).font = { bold: true, size: 14 };
  for (const row of coverRows.slice(1)) cover.addRow(row).commit();
  // How the area's figures relate to the 2025 reform (which old units they include), under the area it explains.
  if (r.areaNote) {
    const note = cover.addRow([areaNoteLine(r)]);
    note.font = { italic: true };
    note.commit();
  }
  cover.addRow([]).commit();
  cover.addRow(['Biểu', 'Nội dung']).font = { bold: true };
  listed.forEach((row) => cover.addRow(row).commit());
  cover.commit();

  for (const [i, t] of r.tables.entries()) {
    writeSheet(wb.addWorksheet(STAT_SHEET_NAMES[t.id], { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }] }), t, r);
    await onSheet?.(i + 1, r.tables.length);
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** Excel's number format per statistics unit: counts with thousands separators, hours to two decimals, percentages to one. */
export const NUM_FMT: Record<StatUnit, string> = { count: '#,##0', hours: '#,##0.00', percent: '0.0' };

/** Characters a value takes once formatted (roughly as Excel shows it). */
function shownLength(v: number | null, unit: StatUnit): number {
  if (v === null) return 1;
  const digits = unit === 'count' ? 0 : unit === 'hours' ? 2 : 1;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).length;
}

/**
 * A column's width from what it holds: its longest text (headings wrap, so a heading counts by its longest word
 * and, up to a point, its whole length), plus a margin; at least 8 and at most 60 characters.
 */
export function fitWidth(texts: readonly string[], heading?: string): number {
  const body = Math.max(0, ...texts.map((t) => t.length));
  const head = heading ? Math.max(Math.min(heading.length, 24), ...heading.split(/\s+/).map((w) => w.length)) : 0;
  return Math.min(60, Math.max(8, body, head) + 2);
}

function writeSheet(ws: ExcelJS.Worksheet, t: StatTable, r: StatsResult): void {
  const labels = [...t.rows.map((row) => row.label.vi), ...(t.total ? [STAT_TERMS.total.vi] : [])];
  const valueRows = [...t.rows.map((row) => row.values), ...(t.total ? [t.total] : [])];
  ws.columns = [
    { width: fitWidth(labels, t.dimension.vi) },
    ...t.columns.map((c, i) => ({
      width: fitWidth(valueRows.map((v) => 'x'.repeat(shownLength(v[i] ?? null, c.unit))), c.label.vi),
      style: { numFmt: NUM_FMT[c.unit] },
    })),
  ];
  // Rows 1–3: the table's title, the report's period and area; the headings in HEADER_ROW, frozen with column A.
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
  const formats = t.columns.map((c) => NUM_FMT[c.unit]);
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
