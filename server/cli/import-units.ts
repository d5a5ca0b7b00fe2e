import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UNIT_DATASETS, type UnitDataset } from '../../shared/index.js';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createFieldCrypto } from '../domain/crypto/field-crypto.js';
import { DomainError } from '../domain/errors.js';
import { describeFile, importReferenceFiles, readBundledFiles, type FileReport } from '../domain/units/reference-data.js';

const USAGE = 'usage: npm run import:units [-- FILE... [--dataset vn-2023|vn-2025]]';

/**
 * npm run import:units                 the unit lists, crosswalk and points bundled in data/
 * npm run import:units -- FILE...      unit lists (level,code,name,parent_code), a crosswalk or a points file, told
 *                                      apart by their header; a unit list's dataset comes from its name or --dataset
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { dataset: { type: 'string' } } });
  const dataset = values.dataset as UnitDataset | undefined;
  if (dataset && !UNIT_DATASETS.includes(dataset)) throw new Error(`unknown dataset "${dataset}": use ${UNIT_DATASETS.join(' or ')}\n${USAGE}`);
  const files = positionals.length
    ? await Promise.all(positionals.map(async (f) => describeFile(f, await readFile(f, 'utf8'), dataset)))
    : await readBundledFiles();

  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDatabase(config.DATABASE_URL, { max: 2 });
  try {
    await migrateToLatest(db, createFieldCrypto(config.DATA_KEY));
    const started = Date.now();
    const reports = await importReferenceFiles(db, files);
    for (const r of reports) console.log(describe(r));
    console.log(`done in ${Date.now() - started} ms`);
  } finally {
    await db.destroy();
  }
}

function describe(r: FileReport): string {
  const deleted = r.deleted ? `, ${r.deleted} removed` : '';
  return `${r.name} (${r.kind}): ${r.total} rows, ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged${deleted}`;
}

main().catch((err: unknown) => {
  const msg = err instanceof DomainError || err instanceof Error ? err.message : String(err);
  console.error(`import:units failed: ${msg}`);
  process.exit(1);
});
