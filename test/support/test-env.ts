import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../server/config.js';
import { createDatabase, type Database } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { sql } from 'kysely';
import { appRoleFor, prepareAppRole } from '../../server/db/app-role.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { createQueues, type Queues } from '../../server/queues.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { ensureDefaultSlaPolicies } from '../../server/domain/sla/policies.repo.js';

/**
 * One database and one Redis key prefix per test run, shared by every test file of the run. `db` connects as the
 * app role, as the product runs (server/db/app-role.ts); `owner` as the schema's owner, for what start-up and the
 * import commands do as the owner (reference data) and for tests that change the schema.
 */
export interface TestEnv {
  config: Config;
  db: Database;
  owner: Database;
  redis: Redis;
  queues: Queues;
}

const runId = `${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString('hex')}`;
const baseDbUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = baseDbUrl.replace(/\/[^/]*$/, `/h111_test_${runId}`);

let env: TestEnv | null = null;

/** The run's database as its owner (migrations, reference data, triggers a test installs). */
export function ownerDb(): Database {
  return testEnv().owner;
}

const owners = new WeakMap<Database, Database>();
/** The owner's connection to the database an app-role connection reaches (the run's or a scratch database). */
export function ownerOf(db: Database): Database {
  return owners.get(db) ?? db;
}

/** Migrates a database as its owner and opens it as its app role, the way start-up does. */
export async function openAsApp(config: Pick<Config, 'DATABASE_URL' | 'SESSION_SECRET' | 'DATA_KEY'>, owner: Database, max: number): Promise<Database> {
  await migrateToLatest(owner, createFieldCrypto(config.DATA_KEY));
  await prepareAppRole(owner, appRoleFor(config));
  const db = createDatabase(appRoleFor(config).url, { max });
  owners.set(db, owner);
  return db;
}

/**
 * Roles are cluster-wide: drop the app roles of test databases that no longer exist (a run that was killed). A run
 * creates its database before its role, so a role without its database belongs to no live run.
 */
async function dropStaleTestRoles(owner: Database): Promise<void> {
  const stale = await sql<{ name: string }>`
    select rolname as name from pg_roles r
    where rolname like ${String.raw`h111\_test\_%\_app`}
      and not exists (select 1 from pg_database d where d.datname = left(r.rolname, length(r.rolname) - 4))`.execute(owner);
  for (const r of stale.rows) await sql`drop role if exists ${sql.id(r.name)}`.execute(owner).catch(() => {});
}

export function testEnv(): TestEnv {
  if (!env) throw new Error('test env not started: is test/support/root-hooks.ts registered in .mocharc.json?');
  return env;
}

/** Config for an app or worker inside the test run (port 0, this run's database and prefix). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `h111t_${runId}`,
    DEMO_DATA: 'off',
    // Tests stand for clients behind a local proxy (each test's X-Forwarded-For is its address); production names its proxies.
    TRUST_PROXY: 'loopback',
    ...overrides,
  });
}

export async function startTestEnv(): Promise<TestEnv> {
  const config = testConfig();
  await ensureDatabase(config.DATABASE_URL);
  const owner = createDatabase(config.DATABASE_URL, { max: 4 });
  await dropStaleTestRoles(owner);
  const db = await openAsApp(config, owner, 10);
  await ensureDefaultRules(db);
  await ensureDefaultSlaPolicies(db);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  env = { config, db, owner, redis, queues: createQueues(redis, config.REDIS_PREFIX) };
  return env;
}

export async function stopTestEnv(): Promise<void> {
  if (!env) return;
  const { config, db, owner, redis, queues } = env;
  await queues.close();
  await Promise.all([db.destroy(), owner.destroy()]);
  await dropDatabase(config.DATABASE_URL);
  // Remove every key this run wrote (queues, streams, rate-limit counters).
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  env = null;
}
