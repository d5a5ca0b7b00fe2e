import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.js';
import { ValidationError } from '../errors.js';
import { parseCrosswalkCsv, parsePlacesCsv } from './reference-csv.js';
import { inTransaction, type ImportCounts } from './units-import.js';

/** code → id of the units of one dataset (optionally of some levels only). */
async function idsByCode(tx: Executor, dataset: 'vn-2023' | 'vn-2025', levels?: string[]): Promise<Map<string, number>> {
  let q = tx.selectFrom('admin_units').select(['id', 'code']).where('dataset', '=', dataset);
  if (levels) q = q.where('level', 'in', levels as ('commune' | 'district' | 'province')[]);
  return new Map((await q.execute()).map((r) => [r.code, r.id]));
}

function unknown(line: number, field: string, message: string): never {
  throw new ValidationError(`line ${line}, ${field}: ${message}`, { [`line ${line}.${field}`]: message });
}

/**
 * Imports the reform's crosswalk (old commune → 2025 commune(s)). The file speaks for every old unit it names: their
 * rows become exactly the file's (a part no longer listed is removed); old units it does not name keep theirs. Needs
 * both unit datasets imported first. Re-running the same file changes nothing.
 */
export async function importCrosswalkCsv(db: Executor, text: string): Promise<ImportCounts & { deleted: number }> {
  const rows = parseCrosswalkCsv(text);
  if (rows.length === 0) throw new ValidationError('the file has no rows', { file: 'no data rows' });
  return inTransaction(db, async (tx) => {
    const old = await idsByCode(tx, 'vn-2023', ['commune', 'district']);
    const now = await idsByCode(tx, 'vn-2025', ['commune']);
    const oldIds: number[] = [];
    const newIds: number[] = [];
    for (const r of rows) {
      oldIds.push(old.get(r.oldCode) ?? unknown(r.line, 'old_code', `no ${r.oldLevel} ${r.oldCode} in vn-2023`));
      newIds.push(now.get(r.newCode) ?? unknown(r.line, 'new_code', `no commune ${r.newCode} in vn-2025`));
    }
    const divided = rows.map((r) => r.divided);
    const res = await sql<{ deleted: number; inserted: number; updated: number }>`
      with want as (select * from unnest(${oldIds}::int[], ${newIds}::int[], ${divided}::bool[]) as w(old_unit_id, new_unit_id, divided)),
      del as (
        delete from admin_unit_successors s
         where s.old_unit_id in (select old_unit_id from want)
           and not exists (select 1 from want w where w.old_unit_id = s.old_unit_id and w.new_unit_id = s.new_unit_id)
        returning 1),
      ins as (
        insert into admin_unit_successors (old_unit_id, new_unit_id, divided) select * from want
        on conflict (old_unit_id, new_unit_id) do update set divided = excluded.divided
         where admin_unit_successors.divided is distinct from excluded.divided
        returning (xmax = 0) as inserted)
      select (select count(*) from del)::int as deleted,
             (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated
        from ins`.execute(tx);
    const c = res.rows[0]!;
    return { total: rows.length, inserted: c.inserted, updated: c.updated, deleted: c.deleted, unchanged: rows.length - c.inserted - c.updated };
  });
}

/** Imports the representative point and area of 2025 units (vn-2025 codes). Re-running the same file changes nothing. */
export async function importPlacesCsv(db: Executor, text: string): Promise<ImportCounts> {
  const rows = parsePlacesCsv(text);
  if (rows.length === 0) throw new ValidationError('the file has no rows', { file: 'no data rows' });
  return inTransaction(db, async (tx: Tx) => {
    const ids = await idsByCode(tx, 'vn-2025');
    const unitIds = rows.map((r) => ids.get(r.code) ?? unknown(r.line, 'code', `no unit ${r.code} in vn-2025`));
    const res = await sql<{ n: number }>`
      update admin_units u set lat = p.lat, lon = p.lon, area_km2 = p.area
        from unnest(${unitIds}::int[], ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[],
                    ${rows.map((r) => r.areaKm2)}::float8[]) as p(id, lat, lon, area)
       where u.id = p.id and (u.lat, u.lon, u.area_km2) is distinct from (p.lat, p.lon, p.area)`.execute(tx);
    const updated = Number(res.numAffectedRows ?? 0);
    return { total: rows.length, inserted: 0, updated, unchanged: rows.length - updated };
  });
}
