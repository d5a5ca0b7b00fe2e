import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createFieldCrypto } from '../domain/crypto/field-crypto.js';
import { importSeed } from '../domain/seed/seed-import.js';

/** npm run import:seed -- FILE (a JSON seed: agencies and users; see server/domain/seed/seed-file.schema.ts) */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error('usage: npm run import:seed -- FILE.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDatabase(config.DATABASE_URL, { max: 2 });
  try {
    await migrateToLatest(db, createFieldCrypto(config.DATA_KEY));
    const { agencies: a, users: u } = await importSeed(db, json);
    console.log(`agencies: ${a.inserted} inserted, ${a.updated} updated, ${a.unchanged} unchanged`);
    console.log(`users: ${u.inserted} inserted, ${u.updated} updated, ${u.unchanged} unchanged`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`import:seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
