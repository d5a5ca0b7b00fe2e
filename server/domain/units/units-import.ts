import { sql } from 'kysely';
import { DATASET_VALIDITY, type UnitDataset, type UnitLevel } from '../../../shared/index.js';
import type { Executor, Tx } from '../../db/database.js';
import { ValidationError } from '../errors.js';
import { checkHierarchy, parseUnitsCsv, type UnitCsvRow } from './units-csv.js';

export interface ImportCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

// 7 parameters a row: 500 rows stay far below PostgreSQL's 65,535-parameter limit.
const BATCH = 500;

/** Runs `fn` in the caller's transaction, or opens one: an import is all or nothing. */
export function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
}

/** Infers the dataset from a file name ("…2025…" → vn-2025), or null when the name says neither or both. */
export function datasetFromFileName(fileName: string): UnitDataset | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const has2023 = base.includes('2023');
  const has2025 = base.includes('2025');
  if (has2023 === has2025) return null;
  return has2025 ? 'vn-2025' : 'vn-2023';
}

/**
 * Imports one administrative-unit CSV into a dataset: validates the whole file first, then upserts
 * on (dataset, code) in batches and links parent_id, in one transaction. Re-running the same file changes nothing.
 */
export async function importUnitsCsv(db: Executor, csvText: string, dataset: UnitDataset): Promise<ImportCounts> {
  const rows = parseUnitsCsv(csvText);
  if (rows.length === 0) throw new ValidationError('the file has no units', { file: 'no data rows' });
  return inTransaction(db, async (tx) => {
    checkHierarchy(rows, await existingParents(tx, dataset, rows));
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const res = await upsertBatch(tx, dataset, rows.slice(i, i + BATCH));
      inserted += res.filter((r) => r.inserted).length;
      updated += res.filter((r) => !r.inserted).length;
    }
    await linkParents(tx, dataset);
    return { total: rows.length, inserted, updated, unchanged: rows.length - inserted - updated };
  });
}

/** Levels of the units already stored that this file names as parents but does not itself contain. */
async function existingParents(tx: Tx, dataset: UnitDataset, rows: UnitCsvRow[]): Promise<Map<string, UnitLevel>> {
  const inFile = new Set(rows.map((r) => r.code));
  const wanted = [...new Set(rows.flatMap((r) => (r.parentCode && !inFile.has(r.parentCode) ? [r.parentCode] : [])))];
  if (wanted.length === 0) return new Map();
  const found = await tx
    .selectFrom('admin_units')
    .select(['code', 'level'])
    .where('dataset', '=', dataset)
    .where('code', 'in', wanted)
    .execute();
  return new Map(found.map((u) => [u.code, u.level]));
}

async function upsertBatch(tx: Tx, dataset: UnitDataset, rows: UnitCsvRow[]) {
  const { validFrom, validTo } = DATASET_VALIDITY[dataset];
  return tx
    .insertInto('admin_units')
    .values(
      rows.map((r) => ({
        dataset,
        code: r.code,
        level: r.level,
        name: r.name,
        parent_code: r.parentCode,
        valid_from: validFrom,
        valid_to: validTo,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['dataset', 'code'])
        .doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          name: eb.ref('excluded.name'),
          parent_code: eb.ref('excluded.parent_code'),
          valid_from: eb.ref('excluded.valid_from'),
          valid_to: eb.ref('excluded.valid_to'),
        }))
        // Unchanged rows are not rewritten (and not returned), which is how "unchanged" is counted.
        .where(
          sql<boolean>`(admin_units.level, admin_units.name, admin_units.parent_code, admin_units.valid_from, admin_units.valid_to)
            is distinct from (excluded.level, excluded.name, excluded.parent_code, excluded.valid_from, excluded.valid_to)`,
        ),
    )
    // xmax = 0 only on a freshly inserted row version: tells inserts from updates.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
}

/** Points parent_id at the unit with parent_code in the same dataset (codes can repeat across datasets). */
async function linkParents(tx: Tx, dataset: UnitDataset): Promise<void> {
  await sql`
    update admin_units c set parent_id = p.id
    from admin_units p
    where c.dataset = ${dataset} and p.dataset = c.dataset and p.code = c.parent_code
      and c.parent_id is distinct from p.id`.execute(tx);
  await sql`
    update admin_units set parent_id = null
    where dataset = ${dataset} and parent_code is null and parent_id is not null`.execute(tx);
}
