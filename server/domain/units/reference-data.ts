import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { UnitDataset } from '../../../shared/index.js';
import type { Database, Executor, Tx } from '../../db/database.js';
import { DATA_DIR } from '../../paths.js';
import { ValidationError } from '../errors.js';
import { referenceKindOf, type ReferenceKind } from './reference-csv.js';
import { importCrosswalkCsv, importPlacesCsv } from './reference-import.js';
import { unitMapChanged } from './unit-cover.js';
import { rebuildUnitMap } from './unit-map.js';
import { datasetFromFileName, importUnitsCsv, inTransaction, type ImportCounts } from './units-import.js';

export interface ReferenceFile {
  /** The file's name (its key in reference_data). */
  name: string;
  text: string;
  kind: ReferenceKind;
  dataset?: UnitDataset;
}

export interface FileReport extends ImportCounts {
  name: string;
  kind: ReferenceKind;
  deleted?: number;
}

/** The reference data shipped in data/, in the order it must be imported (units before what refers to them). */
export const BUNDLED_FILES: readonly { name: string; kind: ReferenceKind; dataset?: UnitDataset }[] = [
  { name: 'vn-admin-units-2023.csv', kind: 'units', dataset: 'vn-2023' },
  { name: 'vn-admin-units-2025.csv', kind: 'units', dataset: 'vn-2025' },
  { name: 'vn-admin-crosswalk-2023-2025.csv', kind: 'crosswalk' },
  { name: 'vn-admin-places-2025.csv', kind: 'places' },
];

const ORDER: Record<ReferenceKind, number> = { units: 0, crosswalk: 1, places: 2 };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function readBundledFiles(dir = DATA_DIR): Promise<ReferenceFile[]> {
  return Promise.all(BUNDLED_FILES.map(async (f) => ({ ...f, text: await readFile(path.join(dir, f.name), 'utf8') })));
}

/** A file given on the command line: its kind from its header, a unit file's dataset from its name or `dataset`. */
export function describeFile(name: string, text: string, dataset?: UnitDataset): ReferenceFile {
  const kind = referenceKindOf(text);
  if (!kind) throw new ValidationError(`${name}: not a unit, crosswalk or places file (unknown header)`, { file: 'unknown header' });
  const ds = kind === 'units' ? (dataset ?? datasetFromFileName(name)) : undefined;
  if (kind === 'units' && !ds) throw new ValidationError(`cannot tell the dataset of ${name}: pass --dataset vn-2023|vn-2025`, { dataset: 'required' });
  return { name: path.basename(name), text, kind, ...(ds && { dataset: ds }) };
}

async function importOne(tx: Tx, f: ReferenceFile): Promise<FileReport> {
  if (f.kind === 'units') return { name: f.name, kind: f.kind, ...(await importUnitsCsv(tx, f.text, f.dataset!)) };
  if (f.kind === 'crosswalk') return { name: f.name, kind: f.kind, ...(await importCrosswalkCsv(tx, f.text)) };
  return { name: f.name, kind: f.kind, ...(await importPlacesCsv(tx, f.text)) };
}

/**
 * Imports reference files in one transaction (units, then crosswalk, then points), rebuilds the derived unit map when
 * anything changed (or it was never built), and records each file's hash. Re-importing the same files changes nothing.
 */
export async function importReferenceFiles(db: Executor, files: ReferenceFile[]): Promise<FileReport[]> {
  const sorted = [...files].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('hotline111:reference-data'))`.execute(tx);
    const reports: FileReport[] = [];
    for (const f of sorted) reports.push(await importOne(tx, f));
    const changed = reports.some((r) => r.inserted + r.updated + (r.deleted ?? 0) > 0);
    const built = await tx.selectFrom('unit_ground').select('unit_id').limit(1).executeTakeFirst();
    if (changed || !built) {
      await rebuildUnitMap(tx);
      unitMapChanged();
    }
    for (const f of sorted)
      await tx.insertInto('reference_data').values({ name: f.name, sha256: sha256(f.text) })
        .onConflict((oc) => oc.column('name').doUpdateSet({ sha256: sha256(f.text), imported_at: new Date() })
          .where('reference_data.sha256', '<>', sha256(f.text)))
        .execute();
    return reports;
  });
}

/**
 * At start-up: imports the bundled files when the database has not seen them as they are now (a fresh database, or a
 * release with new data). One small read when nothing changed. Returns the reports, or null when nothing was needed.
 */
export async function ensureReferenceData(db: Database, dir = DATA_DIR): Promise<FileReport[] | null> {
  const files = await readBundledFiles(dir);
  const stored = new Map((await db.selectFrom('reference_data').select(['name', 'sha256']).execute()).map((r) => [r.name, r.sha256]));
  if (files.every((f) => stored.get(f.name) === sha256(f.text))) return null;
  return importReferenceFiles(db, files);
}
