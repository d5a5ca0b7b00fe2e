import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { preparingClient } from './prepared-statements.js';
import { processLogger } from '../logger.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Repositories take either the database or an open transaction, so one service call can write atomically. */
export type Executor = Database | Tx;

// Dates stay strings (no timezone shifts); bigint counts become numbers where safe.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/**
 * `applicationName` names the connections in pg_stat_activity (the benchmarks tell their own from the product's);
 * `preparedStatements: false` runs every statement unnamed (for a pool that changes the schema under itself).
 */
export function createDatabase(databaseUrl: string, opts: { max?: number; applicationName?: string; preparedStatements?: boolean } = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'hotline111',
    ...(opts.preparedStatements !== false && { Client: preparingClient() }),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => processLogger().error({ component: 'db' }, `idle client error: ${err.message}`));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
