import { createDatabase, type Database } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { testEnv } from './test-env.js';

/**
 * A database of its own for a migration test (`<test database>_<suffix>`), created before the suite and dropped after
 * it, so the test can migrate step by step without touching the run's database. Read `db` inside hooks and tests.
 */
export function migrationDatabase(suffix: string) {
  const url = () => testEnv().config.DATABASE_URL.replace(/\/([^/]+)$/, `/$1_${suffix}`);
  const handle = { db: undefined as unknown as Database, url, crypto: () => createFieldCrypto(testEnv().config.DATA_KEY) };
  before(async () => {
    await ensureDatabase(url());
    handle.db = createDatabase(url(), { max: 2 });
  });
  after(async () => {
    await handle.db?.destroy();
    await dropDatabase(url());
  });
  return handle;
}
