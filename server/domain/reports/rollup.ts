import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { changeFacts, clearChanges, touchedContacts } from './rollup-changes.js';
import { addCounts, insertCounts, recountFacts, ROLLUPS } from './rollup-counts.js';

/**
 * One refresher at a time (the reports worker's schedule, every statistics question, a rebuild), each in one
 * repeatable-read snapshot so the change logs it folds and the tables it reads agree. LOCK takes no snapshot, so as
 * the transaction's first statement it is taken before the snapshot: a refresh that waited sees everything the one
 * before it committed (an advisory lock is a function call, a query, which would take the snapshot before waiting).
 * The table locked has no rows and is never written (migration 0013), so nothing else ever waits on it.
 */
const LOCK = sql`lock table report_rollup_lock in exclusive mode`;
const TABLES = ROLLUPS.map((r) => r.table);

/** No JIT (compiling costs more than these statements take); a refresh runs on one core, a rebuild may use more. */
async function settings(tx: Executor, kind: 'refresh' | 'rebuild'): Promise<void> {
  if (kind === 'refresh')
    await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(tx);
  else await sql`select set_config('jit', 'off', true), set_config('work_mem', '256MB', true), set_config('maintenance_work_mem', '256MB', true)`.execute(tx);
}

export interface Refreshed {
  /** Days recounted whole (a unit moved, the unit map rebuilt: report_dirty_days). */
  days: number;
  /** Contacts whose change was folded in. */
  contacts: number;
}

/**
 * Brings the rollups up to date: recounts the days logged in report_dirty_days, and folds in every contact changed
 * since the last refresh (rollup-changes.ts), at a cost in proportion to the changes, not to the day's volume.
 * Takes only the log rows its snapshot sees and deletes exactly those, so a change committed meanwhile stays logged
 * for the next refresh.
 */
export async function refreshRollups(db: Database): Promise<Refreshed> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    await LOCK.execute(tx);
    await settings(tx, 'refresh');
    const taken = await sql<{ day: string }>`
      with d as (delete from report_dirty_days returning day) select distinct day from d order by day`.execute(tx);
    const days = taken.rows.map((r) => r.day);
    if (days.length > 0) {
      for (const t of TABLES) await sql`delete from ${sql.table(t)} where day = any(${days}::date[])`.execute(tx);
      // Contiguous runs of days are read as one range of received_at (the indexes on received_at serve each run).
      for (const range of runs(days)) await insertCounts(tx, recountFacts(range));
    }
    const ids = await touchedContacts(tx);
    if (ids.length > 0) {
      await addCounts(tx, changeFacts(ids, days));
      await clearChanges(tx);
    }
    return { days: days.length, contacts: ids.length };
  });
}

/** Rebuilds the rollups from scratch (after a bulk load, or to check or repair them). The schema's owner runs it. */
export async function rebuildRollups(db: Database): Promise<void> {
  await db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    await LOCK.execute(tx);
    await settings(tx, 'rebuild');
    await sql`delete from report_dirty_days`.execute(tx);
    await clearChanges(tx);
    await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))}`.execute(tx);
    await withIndexesBuiltAfter(tx, TABLES, () => insertCounts(tx, recountFacts(null)));
  });
}

/**
 * Fills empty tables without their indexes, then builds each index once: sorting a million rows into a B-tree at the
 * end costs a fraction of maintaining it row by row (a whole rebuild writes ~1.8 rows a contact since 2025 areas count
 * old units too). The definitions come from the catalog, so they stay what the migrations made. The tables are locked
 * by the truncate already, and a failure rolls everything back.
 */
async function withIndexesBuiltAfter(tx: Executor, tables: readonly string[], fill: () => Promise<void>): Promise<void> {
  const indexes = await sql<{ tbl: string; name: string; def: string; pkey: boolean }>`
    select t.relname as tbl, i.relname as name, pg_get_indexdef(i.oid) as def, x.indisprimary as pkey
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     where t.relnamespace = to_regnamespace(current_schema()) and t.relname = any(${tables as string[]}::text[])
     order by t.relname, i.relname`.execute(tx);
  for (const x of indexes.rows)
    await (x.pkey ? sql`alter table ${sql.table(x.tbl)} drop constraint ${sql.ref(x.name)}` : sql`drop index ${sql.ref(x.name)}`).execute(tx);
  await fill();
  for (const x of indexes.rows) {
    await sql.raw(x.def).execute(tx);
    if (x.pkey) await sql`alter table ${sql.table(x.tbl)} add constraint ${sql.ref(x.name)} primary key using index ${sql.ref(x.name)}`.execute(tx);
  }
}

/** [first, last] of each run of consecutive days in a sorted list. */
export function runs(days: string[]): [string, string][] {
  const out: [string, string][] = [];
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && ms(d) - ms(last[1]) === 86_400_000) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}
