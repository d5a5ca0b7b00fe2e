import { unitCsvRow, type UnitLevel } from '../../../shared/index.js';
import { ValidationError } from '../errors.js';

export interface UnitCsvRow {
  line: number;
  level: UnitLevel;
  code: string;
  name: string;
  parentCode: string | null;
}

const HEADER = ['level', 'code', 'name', 'parent_code'];

/** Splits one CSV line, honouring double-quoted fields ("" is a literal quote). Our files have no multi-line fields. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (!quoted && ch === '"' && cur === '') {
      quoted = true;
    } else if (!quoted && ch === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function fail(line: number, field: string, message: string): never {
  throw new ValidationError(`line ${line}, ${field}: ${message}`, { [`line ${line}.${field}`]: message });
}

/**
 * Parses and validates a whole administrative-unit CSV before anything is written,
 * so a bad file names its first bad line and leaves the database untouched.
 * Line numbers are 1-based file lines (the header is line 1).
 */
export function parseUnitsCsv(text: string): UnitCsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  if (header.join(',') !== HEADER.join(','))
    fail(1, 'header', `expected "${HEADER.join(',')}", got "${(lines[0] ?? '').slice(0, 80)}"`);

  const rows: UnitCsvRow[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (i === 0 || raw.trim() === '') return;
    const cells = splitCsvLine(raw);
    if (cells.length !== HEADER.length) fail(line, 'row', `expected ${HEADER.length} fields, found ${cells.length}`);
    const parsed = unitCsvRow.safeParse(Object.fromEntries(HEADER.map((h, k) => [h, cells[k]!.trim()])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(line, issue.path.map(String).join('.') || 'row', issue.message);
    }
    const r = parsed.data;
    // NFC so that names typed or pasted in decomposed form compare equal to the GSO lists.
    const name = r.name.normalize('NFC');
    const first = seen.get(r.code);
    if (first) fail(line, 'code', `code ${r.code} already appears on line ${first}`);
    seen.set(r.code, line);
    const parentCode = r.parent_code === '' ? null : r.parent_code;
    if (r.level === 'province' && parentCode) fail(line, 'parent_code', 'a province has no parent');
    if (r.level !== 'province' && !parentCode) fail(line, 'parent_code', `a ${r.level} needs a parent_code`);
    rows.push({ line, level: r.level, code: r.code, name, parentCode });
  });
  return rows;
}

/** Which levels may contain which: a commune sits in a district (three tiers) or directly in a province (two tiers). */
export const ALLOWED_PARENT: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
};

/** Checks every parent exists (in the file, else among `existing`) and that levels nest. */
export function checkHierarchy(rows: UnitCsvRow[], existing: Map<string, UnitLevel>): void {
  const inFile = new Map(rows.map((r) => [r.code, r.level] as const));
  for (const r of rows) {
    if (!r.parentCode) continue;
    const parentLevel = inFile.get(r.parentCode) ?? existing.get(r.parentCode);
    if (!parentLevel) fail(r.line, 'parent_code', `unknown parent ${r.parentCode}`);
    if (!ALLOWED_PARENT[r.level].includes(parentLevel))
      fail(r.line, 'parent_code', `a ${r.level} cannot sit in a ${parentLevel} (${r.parentCode})`);
  }
}
