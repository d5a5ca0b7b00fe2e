import { sql } from 'kysely';
import { AREA_NOTES, type StatsAreaNote } from '../../../shared/index.js';
import type { Database } from '../../db/database.js';
import type { StatsScope } from './scope.js';
import { contactSource, run } from './stats.queries.js';

/**
 * What the page and the workbook say about the area across the 2025 reform: a 2025 area's figures include the
 * contacts recorded with old units on its ground (how many, in the period and scope); an old area counts only its own
 * old units. Null for the whole country.
 */
export async function areaNote(db: Database, s: StatsScope): Promise<StatsAreaNote | null> {
  if (!s.area) return null;
  if (s.area.dataset !== 'vn-2025') return { kind: 'old_units', oldUnitContacts: null, text: AREA_NOTES.oldUnits };
  const n = await oldUnitContacts(db, s);
  return { kind: 'crosswalk', oldUnitContacts: n, text: AREA_NOTES.crosswalk(n, s.area.level) };
}

/** Contacts of the scope located in an old (pre-2025) unit that counts in the area. */
async function oldUnitContacts(db: Database, s: StatsScope): Promise<number> {
  const old = await run(db, sql<{ id: number }>`
    select id from admin_units where id = any(${s.unitIds ?? []}::int[]) and dataset <> 'vn-2025'`);
  if (old.length === 0) return 0;
  const [row] = await run(db, sql<{ n: number }>`
    select count(*)::int as n from ${contactSource(s)}
     where c.received_at >= ${s.start} and c.received_at < ${s.end} and c.location_unit_id = any(${old.map((u) => u.id)}::int[])`);
  return row?.n ?? 0;
}
