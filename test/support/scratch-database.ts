import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { ensureDefaultSlaPolicies } from '../../server/domain/sla/policies.repo.js';
import { openAsApp, testEnv } from './test-env.js';

/**
 * A separate, freshly migrated database beside the run's shared one, for tests that need exact
 * counts from an empty state (first import, "load demo data only when empty"). Drop it in after().
 */
export async function scratchDatabase(): Promise<{ db: Database; owner: Database; url: string; drop(): Promise<void> }> {
  const url = testEnv().config.DATABASE_URL.replace(/\/([^/]*)$/, `/$1_s${randomBytes(3).toString('hex')}`);
  await ensureDatabase(url);
  const owner = createDatabase(url, { max: 2 });
  // As the product runs: `db` is the app role (server/db/app-role.ts), `owner` the schema's owner.
  const db = await openAsApp({ DATABASE_URL: url, SESSION_SECRET: testEnv().config.SESSION_SECRET, DATA_KEY: testEnv().config.DATA_KEY }, owner, 4);
  await ensureDefaultSlaPolicies(db); // as at start-up: every referral needs its priority's policy
  return {
    db,
    owner,
    url,
    async drop() {
      await Promise.all([db.destroy(), owner.destroy()]);
      await dropDatabase(url);
    },
  };
}
