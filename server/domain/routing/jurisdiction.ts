import { sql } from 'kysely';
import { lowerKind, vnDay, type AgencyType, type UnitLevel } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { coversOf, type MapUnit } from '../units/unit-cover.js';
import { unitRefKey, type Anchor } from './evaluate.js';

export interface AgencyMatch {
  agencyId: number;
  agencyName: string;
  /** The unit through which the agency was found (the one it covers). */
  unit: Pick<MapUnit, 'id' | 'code' | 'name' | 'level'>;
  /** "Why this agency", in Vietnamese, naming the agency. */
  explanation: string;
  /** Where the agency's SMS alerts go (read with the match, so the referral is written in one statement). */
  focalPhones: string[];
}

/**
 * The `dataset:code` keys of every unit the case lies within, for `locationWithin` filters, in either structure: the
 * current location's covers (its own chain and, across the 2025 reform, the units of the other structure whose ground
 * holds it); when the location is not a unit (abroad or unknown), the home's instead. Never both, so a rule "within
 * Sơn La" never catches a case in Hà Giang of someone who lives in Sơn La.
 */
export async function caseAncestry(db: Executor, facts: { locationUnitId: number | null; homeUnitId: number | null }): Promise<Set<string>> {
  const id = facts.locationUnitId ?? facts.homeUnitId;
  return new Set(id == null ? [] : (await coversOf(db, id)).map(unitRefKey));
}

const LEVEL_WORD: Record<UnitLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

/** A place mid-sentence with its full path: "huyện Vị Xuyên, Hà Giang"; a bare 2025 province "Tuyên Quang" → "tỉnh Tuyên Quang". */
export function placeLabel(u: Pick<MapUnit, 'name' | 'level' | 'path'>): string {
  const lowered = lowerKind(u.path);
  return lowered !== u.path ? lowered : `${LEVEL_WORD[u.level]} ${u.path}`;
}

export const ANCHOR_ROLE_VI: Record<Anchor['role'], string> = {
  location: 'nơi nạn nhân đang ở',
  home: 'nơi nạn nhân cư trú',
};

/** Said when the agency's coverage is in the other structure than the place: the crosswalk joined them. */
function acrossReform(covered: MapUnit, anchor: MapUnit): string {
  if (covered.dataset === anchor.dataset) return '';
  return anchor.dataset === 'vn-2023' ? ', địa danh cũ, nay thuộc địa bàn này theo sắp xếp năm 2025' : ', theo địa giới trước 01/7/2025';
}

/** "<agency> phụ trách huyện Vị Xuyên, Hà Giang, nơi nạn nhân đang ở (Thị trấn Vị Xuyên, huyện Vị Xuyên, Hà Giang)". */
export function coverageSentence(agencyName: string, covered: MapUnit, anchor: MapUnit, role: Anchor['role']): string {
  const detail = covered.id === anchor.id ? '' : ` (${anchor.path}${acrossReform(covered, anchor)})`;
  return `${agencyName} phụ trách ${placeLabel(covered)}, ${ANCHOR_ROLE_VI[role]}${detail}`;
}

/** Agencies that exist on `day` (YYYY-MM-DD): open-ended validity counts as always. */
export const validOn = (day: string, alias = 'a') =>
  sql<boolean>`(${sql.ref(`${alias}.valid_from`)} is null or ${sql.ref(`${alias}.valid_from`)} <= ${day}::date)
           and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} >= ${day}::date)`;

export interface FindTargetAgencyInput {
  target: { agencyType: AgencyType; scope: 'jurisdiction' | 'province' };
  anchorUnitId: number;
  /** Whether the anchor is where the victim is or where they live: only changes the explanation. */
  anchorRole?: Anchor['role'];
  /** Agencies that already declined (or let expire) this case on this track. */
  exclude?: readonly number[];
  /** The day the agency must exist on (YYYY-MM-DD, Vietnam); today by default. */
  on?: string;
}

/**
 * The active agency of a type, existing on the day, responsible for the anchor unit, on one map across the reform:
 * - 'jurisdiction': the most specific unit covering the anchor (coversOf) that such an agency covers;
 * - 'province': an agency covering a province (of either structure) that covers the anchor.
 * Several agencies covering the same unit: the lowest id (stable). Excluded agencies are skipped. None → null.
 */
export async function findTargetAgency(db: Executor, input: FindTargetAgencyInput): Promise<AgencyMatch | null> {
  const covers = await coversOf(db, input.anchorUnitId);
  const anchor = covers.find((u) => u.id === input.anchorUnitId);
  if (!anchor) return null;
  const candidates = input.target.scope === 'province' ? covers.filter((u) => u.level === 'province') : covers;
  if (candidates.length === 0) return null;

  let q = db
    .selectFrom('agencies as a')
    .innerJoin('agency_units as au', 'au.agency_id', 'a.id')
    .select(['a.id', 'a.name', 'a.focal_phones', 'au.unit_id'])
    .where('a.type', '=', input.target.agencyType)
    .where('a.active', '=', true)
    .where(validOn(input.on ?? vnDay()))
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
      explanation: coverageSentence(hit.name, unit, anchor, input.anchorRole ?? 'location'),
      focalPhones: hit.focal_phones,
    };
  }
  return null;
}
