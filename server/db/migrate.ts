import { Migrator, type MigrationResultSet } from 'kysely';
import type { FieldCrypto } from '../domain/crypto/field-crypto.js';
import type { Database } from './database.js';
import { allMigrations } from './migrations/index.js';

/**
 * `crypto`: DATA_KEY's field crypto, for the migrations that encrypt stored rows (the same key the app reads them with).
 * Migrations written side by side may land in either order (0017 before 0015): a database that already ran the later
 * one runs the earlier one when it arrives, instead of refusing to start. Each migration touches its own tables.
 */
function migrator(db: Database, crypto: FieldCrypto) {
  return new Migrator({ db, provider: { getMigrations: async () => allMigrations(crypto) }, allowUnorderedMigrations: true });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database, crypto: FieldCrypto): Promise<string[]> {
  const result = await migrator(db, crypto).migrateToLatest();
  return unwrap(result);
}

/** Applies (or rolls back) migrations up to and including `name`: a test reproduces a database as it stood then. */
export async function migrateTo(db: Database, name: string, crypto: FieldCrypto): Promise<string[]> {
  return unwrap(await migrator(db, crypto).migrateTo(name));
}

export async function migrateDown(db: Database, crypto: FieldCrypto): Promise<string[]> {
  return unwrap(await migrator(db, crypto).migrateDown());
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${msg}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
