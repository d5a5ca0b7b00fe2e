import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { ensureDefaultSlaPolicies } from '../../server/domain/sla/policies.repo.js';
import { testEnv } from './test-env.js';

/**
 * A separate, freshly migrated database beside the run's shared one, for tests that need exact
 * counts from an empty state (first import, "load demo data only when empty"). Drop it in after().
 */
export async function scratchDatabase(): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  const url = testEnv().config.DATABASE_URL.replace(/\/([^/]*)$/, `/$1_s${randomBytes(3).toString('hex')}`);
  await ensureDatabase(url);
  const db = createDatabase(url, { max: 4 });
  await migrateToLatest(db, createFieldCrypto(testEnv().config.DATA_KEY));
  await ensureDefaultSlaPolicies(db); // as at start-up: every referral needs its priority's policy
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}
