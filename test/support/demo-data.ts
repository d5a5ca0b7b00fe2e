import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importUnitsCsv } from '../../server/domain/units/units-import.js';
import { DATA_DIR, SEED_DIR } from '../../server/paths.js';
import { testEnv } from './test-env.js';
import type { Database } from '../../server/db/database.js';

const loaded = new Map<Database, Promise<void>>();

/** The real units (both datasets) and the demo agencies in a database (the run's shared one by default); once per database. */
export function ensureDemoData(db: Database = testEnv().db): Promise<void> {
  if (!loaded.has(db)) loaded.set(db, (async () => {
    await importUnitsCsv(db, readFileSync(path.join(DATA_DIR, 'vn-admin-units-2023-seed-provinces.csv'), 'utf8'), 'vn-2023');
    await importUnitsCsv(db, readFileSync(path.join(DATA_DIR, 'vn-admin-units-2025.csv'), 'utf8'), 'vn-2025');
    await importSeed(db, JSON.parse(readFileSync(path.join(SEED_DIR, 'demo-seed.json'), 'utf8')));
  })());
  return loaded.get(db)!;
}

export async function agencyByCode(code: string, db: Database = testEnv().db): Promise<{ id: number; name: string }> {
  return db.selectFrom('agencies').select(['id', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
}
