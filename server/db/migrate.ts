import { Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

function migrator(db: Database) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const result = await migrator(db).migrateToLatest();
  return unwrap(result);
}

/** Applies (or rolls back) migrations up to and including `name`: a test reproduces a database as it stood then. */
export async function migrateTo(db: Database, name: string): Promise<string[]> {
  return unwrap(await migrator(db).migrateTo(name));
}

export async function migrateDown(db: Database): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown());
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${msg}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
