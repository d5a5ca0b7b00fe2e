import { configChanged } from '../../db/config-cache.js';
import { sql } from 'kysely';
import type { AgencyBody, AgencyView, ShelterProfile, SupportRegime, UnitDataset } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { AgencyRow } from '../../db/schema.js';

/** The agency's own columns: everything in AgencyBody except its coverage, parent and seat, which are resolved to ids. */
export type AgencyFields = Omit<AgencyBody, 'coverage' | 'parentAgencyId' | 'seat'>;

/** The ids an agency's references resolve to. */
export interface AgencyLinks {
  parentId: number | null;
  seatUnitId: number | null;
}

function columns(a: AgencyFields, links: AgencyLinks) {
  return {
    parent_agency_id: links.parentId,
    seat_unit_id: links.seatUnitId,
    valid_from: a.validFrom,
    valid_to: a.validTo,
    code: a.code,
    name: a.name,
    type: a.type,
    services: a.services,
    focal_phones: a.focalPhones,
    calendar: JSON.stringify(a.calendar),
    shelter_accepted_sexes: a.shelter?.acceptedSexes ?? null,
    shelter_age_min: a.shelter?.ageMin ?? null,
    shelter_age_max: a.shelter?.ageMax ?? null,
    shelter_capacity: a.shelter?.capacity ?? null,
    shelter_occupancy: a.shelter ? a.shelter.occupancy : null,
    active: a.active,
  };
}

export async function insertAgencyRow(db: Executor, a: AgencyFields, links: AgencyLinks): Promise<number> {
  configChanged(); // shelter matching reads agencies through a one-second cache
  const r = await db
    .insertInto('agencies')
    .values(columns(a, links))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAgencyRow(db: Executor, id: number, a: AgencyFields, links: AgencyLinks): Promise<boolean> {
  configChanged(); // shelter matching reads agencies through a one-second cache
  const res = await db
    .updateTable('agencies')
    .set({ ...columns(a, links), updated_at: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function setAgencyParent(db: Executor, id: number, parentId: number | null): Promise<void> {
  await db.updateTable('agencies').set({ parent_agency_id: parentId, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Replaces the agency's coverage with exactly these units. */
export async function replaceAgencyUnits(db: Executor, agencyId: number, unitIds: number[]): Promise<void> {
  configChanged(); // shelter matching reads agencies through a one-second cache
  await db.deleteFrom('agency_units').where('agency_id', '=', agencyId).execute();
  const unique = [...new Set(unitIds)];
  if (unique.length) await db.insertInto('agency_units').values(unique.map((unit_id) => ({ agency_id: agencyId, unit_id }))).execute();
}

export async function agencyExists(db: Executor, id: number): Promise<boolean> {
  return !!(await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst());
}

export async function findAgencyIdsByCodes(db: Executor, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Returns one of these agencies that is its own ancestor, or null. Run after writing parents, inside the
 * transaction, so a cycle is refused by rolling back. UNION (not ALL) makes the walk stop on any loop.
 */
export async function findParentCycle(db: Executor, ids: number[]): Promise<number | null> {
  if (ids.length === 0) return null;
  const { rows } = await sql<{ start_id: number }>`
    with recursive up(start_id, id) as (
      select a.id, a.parent_agency_id from agencies a where a.id = any(${ids})
      union
      select up.start_id, a.parent_agency_id from up join agencies a on a.id = up.id where up.id <> up.start_id
    )
    select start_id from up where id = start_id limit 1`.execute(db);
  return rows[0]?.start_id ?? null;
}

function shelterOf(r: AgencyRow): ShelterProfile | null {
  if (r.shelter_capacity == null) return null;
  return {
    acceptedSexes: (r.shelter_accepted_sexes ?? []) as ShelterProfile['acceptedSexes'],
    ageMin: r.shelter_age_min ?? 0,
    ageMax: r.shelter_age_max ?? 120,
    capacity: r.shelter_capacity,
    occupancy: r.shelter_occupancy ?? 0,
  };
}

const LEVEL_ORDER = sql<number>`case u.level when 'province' then 0 when 'district' then 1 else 2 end`;

/** Agencies with their parent's name and covered units; all agencies when `ids` is omitted. */
export async function loadAgencyViews(db: Executor, ids?: number[]): Promise<AgencyView[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_agency_id')
    .leftJoin('admin_units as s', 's.id', 'a.seat_unit_id')
    .selectAll('a')
    .select(['p.name as parent_name', 's.dataset as seat_dataset', 's.code as seat_code', 's.path as seat_path', 's.name as seat_name']);
  if (ids) q = q.where('a.id', 'in', ids);
  const rows = await q.orderBy('a.name').orderBy('a.id').execute();
  if (rows.length === 0) return [];
  const units = await db
    .selectFrom('agency_units as au')
    .innerJoin('admin_units as u', 'u.id', 'au.unit_id')
    .select(['au.agency_id', 'u.dataset', 'u.code', 'u.name', 'u.level', 'u.path'])
    .where('au.agency_id', 'in', rows.map((r) => r.id))
    .orderBy('u.dataset')
    .orderBy(LEVEL_ORDER)
    .orderBy('u.code')
    .execute();
  const coverage = new Map<number, AgencyView['coverage']>();
  for (const u of units) {
    const list = coverage.get(u.agency_id) ?? [];
    list.push({ dataset: u.dataset as UnitDataset, code: u.code, name: u.name, level: u.level, path: u.path ?? u.name });
    coverage.set(u.agency_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    type: r.type,
    parentAgencyId: r.parent_agency_id,
    parentAgencyName: r.parent_name,
    coverage: coverage.get(r.id) ?? [],
    services: r.services as SupportRegime[],
    focalPhones: r.focal_phones,
    calendar: r.calendar,
    shelter: shelterOf(r),
    active: r.active,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    seat: r.seat_dataset && r.seat_code ? { dataset: r.seat_dataset as UnitDataset, code: r.seat_code, path: r.seat_path ?? r.seat_name ?? r.seat_code } : null,
  }));
}

export async function getAgencyView(db: Executor, id: number): Promise<AgencyView | null> {
  return (await loadAgencyViews(db, [id]))[0] ?? null;
}
