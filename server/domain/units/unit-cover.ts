import { sql } from 'kysely';
import type { UnitDataset, UnitLevel } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

/** A unit as routing and its explanations need it. */
export interface MapUnit {
  id: number;
  dataset: UnitDataset;
  code: string;
  name: string;
  level: UnitLevel;
  /** "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang". */
  path: string;
  /** How many 2025 communes its ground spans: smaller is more specific. */
  groundSize: number;
  lat: number | null;
  lon: number | null;
}

/** A unit covering a place: its ground holds all of the place's ground, or it is the place or one of its ancestors. */
export interface CoverUnit extends MapUnit {
  viaChain: boolean;
}

const LEVEL_RANK: Record<UnitLevel, number> = { commune: 0, district: 1, province: 2 };

/**
 * Reference data, rebuilt only by an import (which calls unitMapChanged in its process; other processes see a new map
 * when they restart, as after any release of reference data). Keyed per database handle, so tests never mix.
 */
let covers = new WeakMap<Executor, Map<number, Promise<CoverUnit[]>>>();

export function unitMapChanged(): void {
  covers = new WeakMap();
}

/**
 * Every unit covering `unitId`, most specific first: the smallest ground, then the place's own chain, then its own
 * dataset, then the lower level. So a 2025 commune lists itself, the old communes it was made of (and their districts
 * and provinces) and its 2025 province; an old commune lists itself, its successor(s) when it was not divided, its
 * old district and province, and the 2025 province. Empty for an unknown unit.
 */
export function coversOf(db: Executor, unitId: number): Promise<CoverUnit[]> {
  let cache = covers.get(db);
  if (!cache) covers.set(db, (cache = new Map()));
  let hit = cache.get(unitId);
  if (!hit) {
    if (cache.size > 20_000) cache.clear(); // ~14,000 units: never reached in practice
    const kept = cache;
    hit = readCovers(db, unitId);
    kept.set(unitId, hit);
    hit.catch(() => kept.delete(unitId));
  }
  return hit;
}

async function readCovers(db: Executor, unitId: number): Promise<CoverUnit[]> {
  const r = await sql<MapRow & { via_chain: boolean }>`
    select u.id, u.dataset, u.code, u.name, u.level, u.path, u.ground_size, u.lat, u.lon, c.via_chain
      from unit_cover c join admin_units u on u.id = c.cover_id
     where c.unit_id = ${unitId}`.execute(db);
  const self = r.rows.find((x) => x.id === unitId);
  return r.rows
    .map((x) => ({ ...toMapUnit(x), viaChain: x.via_chain }))
    .sort((a, b) =>
      a.groundSize - b.groundSize ||
      Number(b.viaChain) - Number(a.viaChain) ||
      Number(b.dataset === self?.dataset) - Number(a.dataset === self?.dataset) ||
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      a.id - b.id);
}

export interface MapRow {
  id: number;
  dataset: UnitDataset;
  code: string;
  name: string;
  level: UnitLevel;
  path: string | null;
  ground_size: number;
  lat: number | null;
  lon: number | null;
}

export const toMapUnit = (x: MapRow): MapUnit => ({
  id: x.id, dataset: x.dataset, code: x.code, name: x.name, level: x.level, path: x.path ?? x.name, groundSize: x.ground_size, lat: x.lat, lon: x.lon,
});

/** The unit itself (first of its covers). */
export async function mapUnit(db: Executor, unitId: number): Promise<MapUnit | null> {
  return (await coversOf(db, unitId)).find((u) => u.id === unitId) ?? null;
}

/** Great-circle distance in km between two points (haversine; the Earth as a sphere of radius 6,371 km). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * For a correlated subquery: the full path of today's most specific unit holding all of an old unit's ground ("Xã Vị
 * Xuyên, Tuyên Quang" for old Xã Đạo Đức; the province for a divided commune); null for a unit of today's map.
 */
export function placeNowSql(unit: ReturnType<typeof sql.ref>) {
  return sql<string | null>`(
    select n.path from unit_cover uc join admin_units n on n.id = uc.cover_id join admin_units o on o.id = uc.unit_id
     where uc.unit_id = ${unit} and o.dataset = 'vn-2023' and n.dataset = 'vn-2025'
     order by n.ground_size, n.id limit 1)`;
}

/**
 * For a correlated subquery: the unit and its ancestors up to the province, as [{ level, name }] from the unit up
 * ("Xã Đạo Đức", "Huyện Vị Xuyên", "Tỉnh Hà Giang"), so every screen can show and label the whole path.
 */
export function placeChainSql(unit: ReturnType<typeof sql.ref>) {
  return sql<{ level: 'province' | 'district' | 'commune'; name: string }[] | null>`(
    with recursive up(id, parent_id, level, name, depth) as (
      select id, parent_id, level, name, 0 from admin_units where id = ${unit}
      union all
      select p.id, p.parent_id, p.level, p.name, up.depth + 1 from admin_units p join up on p.id = up.parent_id where up.depth < 3
    )
    select json_agg(json_build_object('level', level, 'name', name) order by depth) from up)`;
}
