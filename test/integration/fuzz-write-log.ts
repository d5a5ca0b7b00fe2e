import { sql } from 'kysely';
import { ownerDb } from '../support/test-env.js';

export interface WriteLog {
  /** How many rows have been written so far. */
  count(): Promise<number>;
  /** The tables written since `count()` answered `before`. */
  since(before: number): Promise<string[]>;
  remove(): Promise<void>;
}

/**
 * Records every row inserted, updated or deleted in the run's database (sessions aside: a request's session slides
 * its expiry), by a row trigger on each table, so a test can tell that a refused request wrote nothing. A rolled-back
 * write leaves no trace, as it should. Removed again by `remove()`.
 */
export async function installWriteLog(): Promise<WriteLog> {
  const db = ownerDb();
  await sql`create table fuzz_writes (id bigserial primary key, tbl text not null)`.execute(db);
  await sql`create function fuzz_note_write() returns trigger language plpgsql security definer set search_path = public as $$
    begin insert into fuzz_writes (tbl) values (TG_TABLE_NAME); return null; end $$`.execute(db);
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = 'public' and tablename not in ('fuzz_writes', 'sessions') and tablename not like 'kysely_%'`.execute(db);
  for (const t of tables.rows)
    await sql`create trigger fuzz_write after insert or update or delete on ${sql.table(t.name)} for each row execute function fuzz_note_write()`.execute(db);
  const max = async () => Number((await sql<{ n: string | null }>`select max(id) as n from fuzz_writes`.execute(db)).rows[0]?.n ?? 0);
  return {
    count: max,
    async since(before) {
      const r = await sql<{ tbl: string }>`select distinct tbl from fuzz_writes where id > ${before} order by tbl`.execute(db);
      return r.rows.map((x) => x.tbl);
    },
    async remove() {
      for (const t of tables.rows) await sql`drop trigger if exists fuzz_write on ${sql.table(t.name)}`.execute(db);
      await sql`drop function if exists fuzz_note_write() cascade`.execute(db);
      await sql`drop table if exists fuzz_writes`.execute(db);
    },
  };
}
