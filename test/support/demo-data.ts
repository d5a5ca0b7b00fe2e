import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importReferenceFiles, readBundledFiles } from '../../server/domain/units/reference-data.js';
import { SEED_DIR } from '../../server/paths.js';
import { ownerOf, testEnv } from './test-env.js';
import type { Database } from '../../server/db/database.js';

const loaded = new Map<Database, Promise<void>>();
const unitsLoaded = new Map<Database, Promise<unknown>>();

/** The real units of both structures, the 2025 crosswalk and points (the reference data, no agencies); once per database. */
export function ensureUnits(db: Database = testEnv().db): Promise<unknown> {
  // Reference data is written as the owner, as start-up and `npm run import:units` do.
  if (!unitsLoaded.has(db)) unitsLoaded.set(db, readBundledFiles().then((files) => importReferenceFiles(ownerOf(db), files)));
  return unitsLoaded.get(db)!;
}

/** The real units (both datasets, the crosswalk and points) and the demo agencies in a database (the run's shared one by default); once per database. */
export function ensureDemoData(db: Database = testEnv().db): Promise<void> {
  if (!loaded.has(db)) loaded.set(db, (async () => {
    await ensureUnits(db);
    await importSeed(db, JSON.parse(readFileSync(path.join(SEED_DIR, 'demo-seed.json'), 'utf8')));
  })());
  return loaded.get(db)!;
}

export async function agencyByCode(code: string, db: Database = testEnv().db): Promise<{ id: number; name: string }> {
  return db.selectFrom('agencies').select(['id', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
}
