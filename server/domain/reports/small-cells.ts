import { STAT_NOTES, type L, type StatTable } from '../../../shared/index.js';

/** Counts from 1 to SMALL_CELL - 1 are not published to an agency: with its own referrals in mind, they name people. */
export const SMALL_CELL = 5;

/** The tables about the people and cases themselves (not the agency's own work on its referrals). */
const ABOUT_PEOPLE = /^(contacts|cases|victims)_/;

/**
 * Small-cell suppression for an agency's statistics: every count from 1 to 4 is hidden (null), and so is a second
 * cell wherever one hidden cell could be recomputed from a published total or the rest of its row (complementary
 * suppression); a total that is itself small is hidden too. Zeros stay. Tables about the agency's own handling of
 * its referrals (status, outcome, response times) are left as they are.
 */
export function suppressSmallCells(tables: StatTable[], k = SMALL_CELL): StatTable[] {
  return tables.map((t) => (ABOUT_PEOPLE.test(t.id) ? suppressTable(t, k) : t));
}

const small = (v: number | null | undefined, k: number) => typeof v === 'number' && v > 0 && v < k;

function suppressTable(t: StatTable, k: number): StatTable {
  const counts = t.columns.map((c, i) => (c.unit === 'count' ? i : -1)).filter((i) => i >= 0);
  const hidden = t.rows.map((r) => r.values.map((v) => small(v, k)));
  const totalHidden = (t.total ?? []).map((v) => small(v, k));
  const hideSmallestOther = (cells: [number, number][]) => {
    const open = cells.filter(([r, c]) => !hidden[r]![c] && (t.rows[r]!.values[c] ?? 0) > 0);
    open.sort(([r1, c1], [r2, c2]) => (t.rows[r1]!.values[c1] ?? 0) - (t.rows[r2]!.values[c2] ?? 0));
    if (!open.length) return false;
    hidden[open[0]![0]]![open[0]![1]] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of counts) {
      const column = t.rows.map((_, r) => [r, c] as [number, number]);
      if (column.filter(([r]) => hidden[r]![c]).length !== 1 || t.total?.[c] == null || totalHidden[c]) continue;
      changed = hideSmallestOther(column) || ((totalHidden[c] = true), true);
    }
    for (let r = 0; r < t.rows.length; r++) {
      const row = counts.map((c) => [r, c] as [number, number]);
      if (row.filter(([, c]) => hidden[r]![c]).length === 1 && hideSmallestOther(row)) changed = true;
    }
  }
  const cells = hidden.flat().filter(Boolean).length + totalHidden.filter(Boolean).length;
  if (cells === 0) return t;
  return {
    ...t,
    rows: t.rows.map((row, r) => ({ ...row, values: row.values.map((v, c) => (hidden[r]![c] ? null : v)) })),
    total: t.total && t.total.map((v, c) => (totalHidden[c] ? null : v)),
    note: joinNotes(t.note, STAT_NOTES.smallCells),
  };
}

const joinNotes = (a: L | null, b: L): L => (a ? { vi: `${a.vi} ${b.vi}`, en: `${a.en} ${b.en}` } : b);
