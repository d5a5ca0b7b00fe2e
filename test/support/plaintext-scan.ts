import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import sinon from 'sinon';
import type { Database } from '../../server/db/database.js';
import type { Logger } from '../../server/logger.js';
import { logCapture } from './log-capture.js';

/** Where a needle was found in plain text ("table.column", "redis key", "log"), and the text around it. */
export interface Hit {
  where: string;
  needle: string;
  around: string;
}

const around = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  return text.slice(Math.max(0, at - 30), at + needle.length + 30);
};

/** Every text, varchar, json(b) and text-array column of every table, searched for each needle. */
export async function scanPostgres(db: Database, needles: string[]): Promise<Hit[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))
    order by 1, 2`.execute(db);
  const hits: Hit[] = [];
  for (const { table_name, column_name } of cols.rows) {
    for (const needle of needles) {
      const r = await sql<{ t: string }>`select ${sql.ref(column_name)}::text as t from ${sql.table(table_name)}
        where ${sql.ref(column_name)}::text like ${`%${needle}%`} limit 1`.execute(db);
      if (r.rows.length) hits.push({ where: `${table_name}.${column_name}`, needle, around: around(r.rows[0]!.t, needle) });
    }
  }
  if (cols.rows.length < 50) throw new Error(`only ${cols.rows.length} text columns found: is this the right database?`);
  return hits;
}

/** Every key under the prefix, whatever its type (strings, hashes, lists, sets, sorted sets, streams). */
export async function scanRedis(redis: Redis, prefix: string, needles: string[]): Promise<{ hits: Hit[]; keys: number }> {
  const hits: Hit[] = [];
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      keys++;
      const text = JSON.stringify(await readKey(redis, key));
      for (const needle of needles) if (text.includes(needle)) hits.push({ where: `redis ${key}`, needle, around: around(text, needle) });
    }
  } while (cursor !== '0');
  return { hits, keys };
}

async function readKey(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string': return redis.get(key);
    case 'hash': return redis.hgetall(key);
    case 'list': return redis.lrange(key, 0, -1);
    case 'set': return redis.smembers(key);
    case 'zset': return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream': return redis.xrange(key, '-', '+');
    default: return null;
  }
}

/**
 * The product's logger, keeping its JSON lines (for the app and workers under test), and `consoleToo()`, which captures console.*
 * into the same lines until the function it returns is called (some paths print directly).
 */
export function captureLogs() {
  const { lines, logger } = logCapture();
  const log: Logger = logger('test');
  const consoleToo = () => {
    const stubs = (['log', 'info', 'warn', 'error'] as const).map((m) =>
      sinon.stub(console, m).callsFake((...args: unknown[]) => void lines.push(`console.${m} ${args.map(String).join(' ')}`)),
    );
    return () => stubs.forEach((s) => s.restore());
  };
  return { log, lines, consoleToo };
}

export function scanLines(lines: string[], needles: string[]): Hit[] {
  return needles.flatMap((needle) => lines.filter((l) => l.includes(needle)).slice(0, 1).map((l) => ({ where: 'log', needle, around: around(l, needle) })));
}
