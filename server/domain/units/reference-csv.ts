import { ValidationError } from '../errors.js';
import { splitCsvLine } from './units-csv.js';

/** One row of the reform's crosswalk: an old commune (or island district) → one 2025 commune that took it over. */
export interface CrosswalkRow {
  line: number;
  oldCode: string;
  oldLevel: 'commune' | 'district';
  newCode: string;
  divided: boolean;
}

/** A 2025 unit's representative point and area. */
export interface PlaceRow {
  line: number;
  code: string;
  lat: number;
  lon: number;
  areaKm2: number | null;
}

export const CROSSWALK_HEADER = ['old_code', 'old_level', 'new_code', 'divided'];
export const PLACES_HEADER = ['code', 'lat', 'lon', 'area_km2'];

const CODE = /^\d{2,5}$/;

function fail(line: number, field: string, message: string): never {
  throw new ValidationError(`line ${line}, ${field}: ${message}`, { [`line ${line}.${field}`]: message });
}

/** The data lines of a CSV with exactly `header`, as cells keyed by column name (1-based file line numbers). */
function records(text: string, header: string[]): { line: number; cell: Record<string, string> }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const got = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  if (got.join(',') !== header.join(',')) fail(1, 'header', `expected "${header.join(',')}", got "${(lines[0] ?? '').slice(0, 80)}"`);
  const out: { line: number; cell: Record<string, string> }[] = [];
  lines.forEach((raw, i) => {
    if (i === 0 || raw.trim() === '') return;
    const cells = splitCsvLine(raw).map((c) => c.trim());
    if (cells.length !== header.length) fail(i + 1, 'row', `expected ${header.length} fields, found ${cells.length}`);
    out.push({ line: i + 1, cell: Object.fromEntries(header.map((h, k) => [h, cells[k]!])) });
  });
  return out;
}

/** Parses and checks the whole crosswalk before anything is written; a bad file names its first bad line. */
export function parseCrosswalkCsv(text: string): CrosswalkRow[] {
  const seen = new Set<string>();
  return records(text, CROSSWALK_HEADER).map(({ line, cell }) => {
    if (!CODE.test(cell.old_code!)) fail(line, 'old_code', 'must be 2 to 5 digits');
    if (!CODE.test(cell.new_code!)) fail(line, 'new_code', 'must be 2 to 5 digits');
    if (cell.old_level !== 'commune' && cell.old_level !== 'district') fail(line, 'old_level', 'must be commune or district');
    if (cell.divided !== 'true' && cell.divided !== 'false') fail(line, 'divided', 'must be true or false');
    const key = `${cell.old_code}>${cell.new_code}`;
    if (seen.has(key)) fail(line, 'new_code', `${cell.old_code} → ${cell.new_code} already appears above`);
    seen.add(key);
    return { line, oldCode: cell.old_code!, oldLevel: cell.old_level, newCode: cell.new_code!, divided: cell.divided === 'true' };
  });
}

const number = (line: number, field: string, s: string, min: number, max: number): number => {
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n < min || n > max) fail(line, field, `must be a number from ${min} to ${max}`);
  return n;
};

/** Parses the points file: Viet Nam lies within 8–24° N and 102–110° E (with its islands, up to 118° E). */
export function parsePlacesCsv(text: string): PlaceRow[] {
  const seen = new Set<string>();
  return records(text, PLACES_HEADER).map(({ line, cell }) => {
    if (!CODE.test(cell.code!)) fail(line, 'code', 'must be 2 to 5 digits');
    if (seen.has(cell.code!)) fail(line, 'code', `code ${cell.code} already appears above`);
    seen.add(cell.code!);
    return {
      line,
      code: cell.code!,
      lat: number(line, 'lat', cell.lat!, 6, 24),
      lon: number(line, 'lon', cell.lon!, 100, 118),
      areaKm2: cell.area_km2 === '' ? null : number(line, 'area_km2', cell.area_km2!, 0, 100_000),
    };
  });
}

export type ReferenceKind = 'units' | 'crosswalk' | 'places';

/** Which kind of reference file this is, from its header line; null when none matches. */
export function referenceKindOf(text: string): ReferenceKind | null {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const header = splitCsvLine(first).map((h) => h.trim().toLowerCase()).join(',');
  if (header === 'level,code,name,parent_code') return 'units';
  if (header === CROSSWALK_HEADER.join(',')) return 'crosswalk';
  if (header === PLACES_HEADER.join(',')) return 'places';
  return null;
}
