import { sql } from 'kysely';
import { vnDay, type AgeBand } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { configCache } from '../../db/config-cache.js';
import { coversOf, distanceKm, type MapUnit } from '../units/unit-cover.js';
import type { Anchor, CaseVictim } from './evaluate.js';
import { ANCHOR_ROLE_VI, placeLabel, validOn, type AgencyMatch } from './jurisdiction.js';

/**
 * Shelter matching ("needs shelter" track, scope nearest_with_capacity).
 *
 * A shelter fits when it is active, exists on the day, accepts every victim's sex and age, and has a free place for
 * each victim (capacity − occupancy ≥ number of victims, at least one).
 *
 * What we do not know, we do not assume: a victim of unknown sex fits only a shelter that takes both women
 * and men; a victim of unknown age (no age, no band) fits only a shelter whose range covers the band implied by
 * the under-18 flag, or 0–120 when even that is unknown. A single-sex or children-only shelter therefore never
 * receives someone it may have to turn away; the general provincial centres (which take everyone) still do.
 *
 * Which one: the shelters whose coverage holds the place (in either structure, across the 2025 reform) come first,
 * nearest first; none of them fits → the nearest fitting shelter anywhere. Nearness is the great-circle distance
 * between the place's point and the shelter's seat (else the point of the unit it covers), from the GSO points of
 * the 2025 units (old units: the mean of their successors'). Ties: the lower agency id.
 */

export interface ShelterMatch extends AgencyMatch {
  freePlaces: number;
  /** From the place to the shelter; null when either has no point. */
  distanceKm: number | null;
}

export interface FindShelterInput {
  anchorUnitId: number;
  anchorRole?: Anchor['role'];
  victims: readonly CaseVictim[];
  exclude?: readonly number[];
  /** The day the shelter must exist on (YYYY-MM-DD, Vietnam); today by default. */
  on?: string;
}

const BAND_BOUNDS: Record<Exclude<AgeBand, 'unknown'>, [number, number]> = {
  '0-5': [0, 5], '6-11': [6, 11], '12-15': [12, 15], '16-17': [16, 17],
  '18-24': [18, 24], '25-39': [25, 39], '40-59': [40, 59], '60+': [60, 120],
};

/** The ages a victim may have: exact, from the band, from the under-18 flag, else anything. */
export function ageBounds(v: CaseVictim): [number, number] {
  if (v.age != null) return [v.age, v.age];
  if (v.ageBand && v.ageBand !== 'unknown') return BAND_BOUNDS[v.ageBand];
  if (v.under18 === true) return [0, 17];
  if (v.under18 === false) return [18, 120];
  return [0, 120];
}

export interface ShelterProfileLike {
  acceptedSexes: readonly string[];
  ageMin: number;
  ageMax: number;
  capacity: number;
  occupancy: number;
}

export function shelterAccepts(s: ShelterProfileLike, victims: readonly CaseVictim[]): boolean {
  const places = Math.max(1, victims.length);
  if (s.capacity - s.occupancy < places) return false;
  return victims.every((v) => {
    const sexOk = v.sex === 'unknown' ? s.acceptedSexes.includes('female') && s.acceptedSexes.includes('male') : s.acceptedSexes.includes(v.sex);
    const [lo, hi] = ageBounds(v);
    return sexOk && s.ageMin <= lo && hi <= s.ageMax;
  });
}

interface Candidate {
  agency_id: number;
  agency_name: string;
  focal_phones: string[];
  unit_ids: number[];
  lat: number | null;
  lon: number | null;
  where_path: string | null;
  accepted_sexes: string[] | null;
  age_min: number | null;
  age_max: number | null;
  capacity: number | null;
  occupancy: number;
}

const candidates = configCache<string, Candidate[]>();

/**
 * Active shelters existing on `day` (kept for a second per process, like the rules: under a burst of referrals the
 * whole list was read again for each; a change of capacity or occupancy counts from the next second, and a shelter
 * that filled up meanwhile declines and the referral moves on).
 */
function shelters(db: Executor, day: string): Promise<Candidate[]> {
  return candidates.get(db, day, (d) => readShelters(d, day));
}

/** Active shelters existing on `day`, with their coverage and a point: their seat's, else their most specific covered unit's. */
async function readShelters(db: Executor, day: string): Promise<Candidate[]> {
  const r = await sql<Candidate>`
    select a.id as agency_id, a.name as agency_name, a.focal_phones,
           coalesce(array_agg(au.unit_id) filter (where au.unit_id is not null), '{}') as unit_ids,
           coalesce(s.lat, (array_agg(cu.lat order by cu.ground_size))[1]) as lat,
           coalesce(s.lon, (array_agg(cu.lon order by cu.ground_size))[1]) as lon,
           coalesce(s.path, (array_agg(cu.path order by cu.ground_size))[1]) as where_path,
           a.shelter_accepted_sexes as accepted_sexes, a.shelter_age_min as age_min, a.shelter_age_max as age_max,
           a.shelter_capacity as capacity, coalesce(a.shelter_occupancy, 0) as occupancy
      from agencies a
      left join agency_units au on au.agency_id = a.id
      left join admin_units cu on cu.id = au.unit_id
      left join admin_units s on s.id = a.seat_unit_id
     where a.type = 'shelter' and a.active and ${validOn(day)}
     group by a.id, s.id`.execute(db);
  return r.rows;
}

const profile = (c: Candidate) => ({
  acceptedSexes: c.accepted_sexes ?? [], ageMin: c.age_min ?? 0, ageMax: c.age_max ?? 120, capacity: c.capacity ?? 0, occupancy: c.occupancy,
});

/**
 * The nearest shelter that fits all the victims: one responsible for the place first, else the nearest anywhere with
 * a place. None → null (the caller sends the case to the supervisor).
 */
export async function findShelter(db: Executor, input: FindShelterInput): Promise<ShelterMatch | null> {
  const covers = await coversOf(db, input.anchorUnitId);
  const anchor = covers.find((u) => u.id === input.anchorUnitId);
  if (!anchor) return null;
  const coverIds = new Map(covers.map((u) => [u.id, u]));
  const excluded = new Set(input.exclude ?? []);
  const ranked = (await shelters(db, input.on ?? vnDay()))
    .filter((c) => !excluded.has(c.agency_id) && shelterAccepts(profile(c), input.victims))
    .map((c) => ({
      c,
      covering: c.unit_ids.map((id) => coverIds.get(id)).filter((u): u is MapUnit & { viaChain: boolean } => !!u)[0] ?? null,
      km: anchor.lat != null && anchor.lon != null && c.lat != null && c.lon != null
        ? distanceKm({ lat: anchor.lat, lon: anchor.lon }, { lat: c.lat, lon: c.lon })
        : Number.POSITIVE_INFINITY,
    }))
    .sort((a, b) => Number(!!b.covering) - Number(!!a.covering) || a.km - b.km || a.c.agency_id - b.c.agency_id);
  const best = ranked[0];
  if (!best) return null;
  return toMatch(best.c, best.covering, best.km, anchor, input.anchorRole ?? 'location');
}

function toMatch(c: Candidate, covering: MapUnit | null, km: number, anchor: MapUnit, role: Anchor['role']): ShelterMatch {
  const freePlaces = (c.capacity ?? 0) - c.occupancy;
  const distance = Number.isFinite(km) ? `, cách khoảng ${Math.round(km)} km` : '';
  const where = covering
    ? `phụ trách ${placeLabel(covering)}, ${ANCHOR_ROLE_VI[role]} (${anchor.path})${distance}`
    : `cơ sở gần nhất còn chỗ${distance}${c.where_path ? ` (${c.where_path})` : ''}, vì không có cơ sở phù hợp phụ trách ${anchor.path} (${ANCHOR_ROLE_VI[role]})`;
  const unit = covering ?? anchor;
  return {
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    focalPhones: c.focal_phones,
    unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
    freePlaces,
    distanceKm: Number.isFinite(km) ? Math.round(km * 10) / 10 : null,
    explanation: `${c.agency_name} tiếp nhận nạn nhân: ${where}; đúng giới tính, độ tuổi và còn ${freePlaces} chỗ trống`,
    facts: {
      agency: c.agency_name,
      covered: covering ? { path: covering.path, level: covering.level } : null,
      anchorRole: role,
      anchor: anchor.path,
      across: null,
      shelter: { freePlaces, km: Number.isFinite(km) ? Math.round(km) : null, nearest: !covering, wherePath: c.where_path ?? null },
    },
  };
}
