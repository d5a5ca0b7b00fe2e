import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createFieldCrypto } from '../domain/crypto/field-crypto.js';
import { appRoleFor, assertLeastPrivilege, prepareAppRole } from '../db/app-role.js';
import type { Logger } from '../logger.js';
import { requestRedis } from './redis-clients.js';

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

const HOW_TO_START = {
  postgres: "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or: docker compose up -d postgres)",
  redis:
    'start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no (or: docker compose up -d redis)',
};

function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
  } catch {
    return url;
  }
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  return e.code ?? e.errors?.[0]?.code ?? e.message ?? String(err);
}

/**
 * Connects to PostgreSQL (creating the database if needed) and Redis, failing with one line that says which and how
 * to start it. As the owner (DATABASE_URL) it migrates and prepares the app role; `db` is the app role's pool, `owner`
 * the owner's, for start-up's own work (reference data): close it once started.
 */
export async function connectServices(
  config: Config,
  opts: { migrate: boolean; log: Logger; applicationName?: string },
): Promise<{ db: Database; owner: Database; redis: Redis }> {
  try {
    if (await ensureDatabase(config.DATABASE_URL)) opts.log.info('created the database');
  } catch (err) {
    throw new ServiceUnavailableError(`PostgreSQL is not reachable at ${where(config.DATABASE_URL)} (${reason(err)}): ${HOW_TO_START.postgres}`);
  }
  const db = createDatabase(config.DATABASE_URL, { applicationName: opts.applicationName });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw new ServiceUnavailableError(`PostgreSQL is not reachable at ${where(config.DATABASE_URL)} (${reason(err)}): ${HOW_TO_START.postgres}`);
  }

  // Fails fast while Redis is down (requests answer at once; the outbox relays send their jobs later). Workers and
  // the socket adapter make connections of their own that wait (redis-clients.ts).
  const redis = requestRedis(config.REDIS_URL, config.REDIS_COMMAND_TIMEOUT_MS);
  let redisError: unknown = null; // ECONNREFUSED and the like: clearer than the connect's own "Connection is closed."
  redis.on('error', (e) => void (redisError ??= e));
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 3000).unref()),
    ]);
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    await db.destroy();
    throw new ServiceUnavailableError(`Redis is not reachable at ${where(config.REDIS_URL)} (${reason(redisError ?? err)}): ${HOW_TO_START.redis}`);
  }

  if (opts.migrate) {
    const applied = await migrateToLatest(db, createFieldCrypto(config.DATA_KEY));
    if (applied.length) opts.log.info(`applied migrations: ${applied.join(', ')}`);
  }
  const role = appRoleFor(config);
  let app: Database | null = null;
  try {
    await prepareAppRole(db, role);
    app = createDatabase(role.url, { applicationName: opts.applicationName });
    await assertLeastPrivilege(app);
  } catch (err) {
    redis.disconnect();
    await Promise.all([db.destroy(), app?.destroy()]);
    throw new ServiceUnavailableError(`the app's database role "${role.name}" could not be prepared: ${(err as Error).message}`);
  }
  return { db: app, owner: db, redis };
}
