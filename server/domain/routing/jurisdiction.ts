import { sql } from 'kysely';
import { lowerKind, vnDay, type AgencyType, type UnitLevel, type WhyFacts } from '../../../shared/index.js';
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
  /** The same, as facts each reader's language renders (shared/i18n/why-text.ts). */
  facts: Omit<WhyFacts, 'skipped' | 'abroad'>;
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

/** When the agency's coverage is in the other structure than the place: how the crosswalk joined them. */
function acrossCode(covered: MapUnit, anchor: MapUnit): WhyFacts['across'] {
  if (covered.dataset === anchor.dataset) return null;
  return anchor.dataset === 'vn-2023' ? 'now_in_2025' : 'before_2025';
}

function acrossReform(covered: MapUnit, anchor: MapUnit): string {
  const code = acrossCode(covered, anchor);
  if (!code) return '';
  return code === 'now_in_2025' ? ', địa danh cũ, nay thuộc địa bàn này theo sắp xếp năm 2025' : ', theo địa giới trước 01/7/2025';
}

/** The facts of coverageSentence. */
export function coverageFacts(agencyName: string, covered: MapUnit, anchor: MapUnit, role: Anchor['role']): AgencyMatch['facts'] {
  const same = covered.id === anchor.id;
  return {
    agency: agencyName,
    covered: { path: covered.path, level: covered.level },
    anchorRole: role,
    anchor: same ? null : anchor.path,
    across: same ? null : acrossCode(covered, anchor),
  };
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

/** The active agencies of some types that exist on the day and cover a place, with the units they cover it through. */
export interface CoveringAgencies {
  anchor: MapUnit;
  covers: MapUnit[];
  rows: { id: number; name: string; type: AgencyType; focal_phones: string[]; unit_id: number }[];
}

/**
 * One read for every target of a rule: the agencies of these types covering the anchor (coversOf), so trying the
 * targets in turn costs no further round trip. null for an unknown unit.
 */
export async function coveringAgencies(
  db: Executor, q: { anchorUnitId: number; types: readonly AgencyType[]; exclude?: readonly number[]; on?: string },
): Promise<CoveringAgencies | null> {
  const covers = await coversOf(db, q.anchorUnitId);
  const anchor = covers.find((u) => u.id === q.anchorUnitId);
  if (!anchor) return null;
  // Arrays, not IN lists: one statement text whatever the number of covers and types, so it runs prepared
  // (planned afresh, this read cost 0.46 ms of PostgreSQL per referral, most of it planning).
  const rows = await db
    .selectFrom('agencies as a')
    .innerJoin('agency_units as au', 'au.agency_id', 'a.id')
    .select(['a.id', 'a.name', 'a.type', 'a.focal_phones', 'au.unit_id'])
    .where(sql<boolean>`a.type = any(${[...q.types]}::text[])`)
    .where('a.active', '=', true)
    .where(validOn(q.on ?? vnDay()))
    .where(sql<boolean>`au.unit_id = any(${covers.map((u) => u.id)}::int[])`)
    .where(sql<boolean>`a.id <> all(${[...(q.exclude ?? [])]}::int[])`)
    .orderBy('a.id')
    .execute();
  return { anchor, covers, rows };
}

/**
 * The agency of the target's type responsible for the anchor, on one map across the reform:
 * - 'jurisdiction': the most specific unit covering the anchor (coversOf) that such an agency covers;
 * - 'province': an agency covering a province (of either structure) that covers the anchor.
 * Several agencies covering the same unit: the lowest id (stable). None → null.
 */
export function pickAgency(found: CoveringAgencies, target: FindTargetAgencyInput['target'], role: Anchor['role'] = 'location'): AgencyMatch | null {
  const candidates = target.scope === 'province' ? found.covers.filter((u) => u.level === 'province') : found.covers;
  for (const unit of candidates) {
    const hit = found.rows.find((r) => r.unit_id === unit.id && r.type === target.agencyType);
    if (!hit) continue;
    return {
      agencyId: hit.id,
      agencyName: hit.name,
      unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
      explanation: coverageSentence(hit.name, unit, found.anchor, role),
      facts: coverageFacts(hit.name, unit, found.anchor, role),
      focalPhones: hit.focal_phones,
    };
  }
  return null;
}

/** coveringAgencies and pickAgency for one target. */
export async function findTargetAgency(db: Executor, input: FindTargetAgencyInput): Promise<AgencyMatch | null> {
  const found = await coveringAgencies(db, { anchorUnitId: input.anchorUnitId, types: [input.target.agencyType], exclude: input.exclude, on: input.on });
  return found && pickAgency(found, input.target, input.anchorRole);
}
