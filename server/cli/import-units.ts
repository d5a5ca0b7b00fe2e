import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UNIT_DATASETS, type UnitDataset } from '../../shared/index.js';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { DomainError } from '../domain/errors.js';
import { datasetFromFileName, importUnitsCsv } from '../domain/units/units-import.js';

/** npm run import:units -- FILE [--dataset vn-2025] */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { dataset: { type: 'string' } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('usage: npm run import:units -- FILE [--dataset vn-2023|vn-2025]');
  const dataset = (values.dataset ?? datasetFromFileName(file)) as UnitDataset | null;
  if (!dataset) throw new Error(`cannot tell the dataset from "${file}": pass --dataset ${UNIT_DATASETS.join('|')}`);
  if (!UNIT_DATASETS.includes(dataset)) throw new Error(`unknown dataset "${dataset}": use ${UNIT_DATASETS.join(' or ')}`);

  const csv = await readFile(file, 'utf8');
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDatabase(config.DATABASE_URL, { max: 2 });
  try {
    await migrateToLatest(db);
    const started = Date.now();
    const c = await importUnitsCsv(db, csv, dataset);
    console.log(
      `${dataset}: ${c.total} units (${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged) in ${Date.now() - started} ms`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  const msg = err instanceof DomainError || err instanceof Error ? err.message : String(err);
  console.error(`import:units failed: ${msg}`);
  process.exit(1);
});
