import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';

/**
 * A copy of every table's rows and every sequence's position in a database, to write back in place later: what a
 * PostgreSQL restore (from a backup, or a failover to a lagging replica) does to the data while the app, its
 * connections and Redis carry on. Sequences go back too, so the ids handed out after the snapshot are handed out
 * again. `owner`: the schema's owner, a superuser in tests (foreign keys are not checked while whole tables are
 * written back, as pg_restore does).
 */
export async function snapshotDatabase(owner: Database, schema = 'restore_point') {
  const tables = (
    await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public' and tablename not like 'kysely%' order by 1`.execute(owner)
  ).rows.map((r) => r.t);
  const sequences = (await sql<{ s: string; v: string | null }>`select sequencename as s, last_value::text as v from pg_sequences where schemaname = 'public'`.execute(owner)).rows;
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(owner);
  await sql`create schema ${sql.id(schema)}`.execute(owner);
  for (const t of tables) await sql`create table ${sql.id(schema, t)} as table ${sql.id('public', t)}`.execute(owner);
  return {
    async restore() {
      await owner.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`truncate ${sql.join(tables.map((t) => sql.id('public', t)))}`.execute(tx);
        for (const t of tables) await sql`insert into ${sql.id('public', t)} select * from ${sql.id(schema, t)}`.execute(tx);
        for (const q of sequences)
          await sql`select setval(${`public.${q.s}`}::regclass, ${q.v ?? '1'}::bigint, ${q.v != null})`.execute(tx);
      });
    },
    async drop() {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(owner);
    },
  };
}
