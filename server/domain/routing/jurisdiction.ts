import { sql } from 'kysely';
import type { AgencyType, UnitDataset, UnitLevel } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { unitRefKey, type Anchor } from './evaluate.js';

export interface UnitInfo {
  id: number;
  dataset: UnitDataset;
  code: string;
  name: string;
  level: UnitLevel;
}

export interface AgencyMatch {
  agencyId: number;
  agencyName: string;
  /** The unit through which the agency was found (the one it covers). */
  unit: Pick<UnitInfo, 'id' | 'code' | 'name' | 'level'>;
  /** "Why this agency", in Vietnamese, naming the agency. */
  explanation: string;
  /** Where the agency's SMS alerts go (read with the match, so the referral is written in one statement). */
  focalPhones: string[];
}

/**
 * Chains are reference data (units are imported once and never re-parented), so each process keeps the ones it has
 * read: routing a case then costs no unit lookups. Keyed per database, so tests' scratch databases never mix.
 */
const chains = new WeakMap<Executor, Map<number, UnitInfo[]>>();

/** The unit and its ancestors, most specific first: commune → district → province (vn-2023) or commune → province (vn-2025). */
export async function unitChain(db: Executor, unitId: number): Promise<UnitInfo[]> {
  let cache = chains.get(db);
  if (!cache) chains.set(db, (cache = new Map()));
  const hit = cache.get(unitId);
  if (hit) return hit;
  const chain = await readUnitChain(db, unitId);
  if (cache.size > 20_000) cache.clear(); // ~14,000 units in all: never reached in practice
  if (chain.length) cache.set(unitId, chain);
  return chain;
}

async function readUnitChain(db: Executor, unitId: number): Promise<UnitInfo[]> {
  const r = await sql<UnitInfo>`
    with recursive chain as (
      select id, dataset, code, name, level, parent_id, 0 as depth from admin_units where id = ${unitId}
      union all
      select u.id, u.dataset, u.code, u.name, u.level, u.parent_id, c.depth + 1
      from admin_units u join chain c on u.id = c.parent_id
      where c.depth < 10
    )
    select id, dataset, code, name, level from chain order by depth`.execute(db);
  return r.rows;
}

/**
 * The `dataset:code` keys of every unit the case lies within, for `locationWithin` filters: the current location's
 * chain; when the location is not a unit (abroad or unknown), the home's chain instead. Never both, so a rule
 * "within Sơn La" never catches a case in Hà Giang of someone who lives in Sơn La.
 */
export async function caseAncestry(db: Executor, facts: { locationUnitId: number | null; homeUnitId: number | null }): Promise<Set<string>> {
  const id = facts.locationUnitId ?? facts.homeUnitId;
  return new Set(id == null ? [] : (await unitChain(db, id)).map(unitRefKey));
}

const PREFIXES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Tỉnh', 'Huyện', 'Quận', 'Xã', 'Phường', 'Đặc khu'];
const LEVEL_WORD: Record<UnitLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

/** "Huyện Vị Xuyên" → "huyện Vị Xuyên"; a bare "Tuyên Quang" (2025 provinces) → "tỉnh Tuyên Quang". For mid-sentence use. */
export function unitLabel(u: Pick<UnitInfo, 'name' | 'level'>): string {
  const prefix = PREFIXES.find((p) => u.name.startsWith(`${p} `));
  if (prefix) return prefix.toLowerCase() + u.name.slice(prefix.length);
  return `${LEVEL_WORD[u.level]} ${u.name}`;
}

export const ANCHOR_ROLE_VI: Record<Anchor['role'], string> = {
  location: 'nơi nạn nhân đang ở',
  home: 'nơi nạn nhân cư trú',
};

/** "<agency> phụ trách huyện Vị Xuyên, nơi nạn nhân đang ở (thị trấn Vị Xuyên)". */
export function coverageSentence(agencyName: string, covered: UnitInfo, anchorUnit: UnitInfo, role: Anchor['role']): string {
  const detail = covered.id === anchorUnit.id ? '' : ` (${unitLabel(anchorUnit)})`;
  return `${agencyName} phụ trách ${unitLabel(covered)}, ${ANCHOR_ROLE_VI[role]}${detail}`;
}

export interface FindTargetAgencyInput {
  target: { agencyType: AgencyType; scope: 'jurisdiction' | 'province' };
  anchorUnitId: number;
  /** Whether the anchor is where the victim is or where they live: only changes the explanation. */
  anchorRole?: Anchor['role'];
  /** Agencies that already declined (or let expire) this case on this track. */
  exclude?: readonly number[];
}

/**
 * The active agency of a type responsible for the anchor unit:
 * - 'jurisdiction': the most specific unit of the chain that such an agency covers;
 * - 'province': an agency covering the chain's province.
 * Several agencies covering the same unit: the lowest id (stable). Excluded agencies are skipped. None → null.
 */
export async function findTargetAgency(db: Executor, input: FindTargetAgencyInput): Promise<AgencyMatch | null> {
  const chain = await unitChain(db, input.anchorUnitId);
  const anchorUnit = chain[0];
  if (!anchorUnit) return null;
  const candidates = input.target.scope === 'province' ? chain.filter((u) => u.level === 'province') : chain;
  if (candidates.length === 0) return null;

  let q = db
    .selectFrom('agencies as a')
    .innerJoin('agency_units as au', 'au.agency_id', 'a.id')
    .select(['a.id', 'a.name', 'a.focal_phones', 'au.unit_id'])
    .where('a.type', '=', input.target.agencyType)
    .where('a.active', '=', true)
    .where('au.unit_id', 'in', candidates.map((u) => u.id));
  if (input.exclude?.length) q = q.where('a.id', 'not in', [...input.exclude]);
  const rows = await q.orderBy('a.id').execute();

  for (const unit of candidates) {
    const hit = rows.find((r) => r.unit_id === unit.id);
    if (!hit) continue;
    return {
      agencyId: hit.id,
      agencyName: hit.name,
      unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
      explanation: coverageSentence(hit.name, unit, anchorUnit, input.anchorRole ?? 'location'),
      focalPhones: hit.focal_phones,
    };
  }
  return null;
}
