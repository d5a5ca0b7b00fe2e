import { STAT_TERMS, type Lang, type StatTable } from '../../../shared/index.js';

/** A byte-order mark, so spreadsheet programs open the file as UTF-8 (Vietnamese diacritics intact). */
export const CSV_BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: names typed by people (agencies, units) must never become formulas in someone's Excel.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: (string | number | null | undefined)[]) => fields.map(csvField).join(',');

/** A statistics table as CSV: a heading row, one row per value, then the total when the table has one. */
export function statTableCsv(t: StatTable, lang: Lang): string {
  const lines = [csvLine([t.dimension[lang], ...t.columns.map((c) => c.label[lang])])];
  for (const r of t.rows) lines.push(csvLine([r.label[lang], ...r.values]));
  if (t.total) lines.push(csvLine([STAT_TERMS.total[lang], ...t.total]));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
