import { sql } from 'kysely';
import type { AgeBand, UnitDataset } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { Anchor, CaseVictim } from './evaluate.js';
import { ANCHOR_ROLE_VI, unitChain, unitLabel, type AgencyMatch, type UnitInfo } from './jurisdiction.js';

/**
 * Shelter matching ("needs shelter" track, scope nearest_with_capacity).
 *
 * A shelter fits when it is active, accepts every victim's sex and age, and has a free place for each victim
 * (capacity − occupancy ≥ number of victims, at least one).
 *
 * What we do not know, we do not assume: a victim of unknown sex fits only a shelter that takes both women
 * and men; a victim of unknown age (no age, no band) fits only a shelter whose range covers the band implied by
 * the under-18 flag, or 0–120 when even that is unknown. A single-sex or children-only shelter therefore never
 * receives someone it may have to turn away; the general provincial centres (which take everyone) still do.
 *
 * Nearness: there are no coordinates in the unit data. We take the absolute difference of the numeric
 * province codes of the same dataset: GSO codes run roughly north → south, so neighbouring codes are mostly
 * neighbouring provinces (e.g. Hà Giang 02 → Tuyên Quang 08 → Sơn La 14 … Sóc Trăng 94). It is a proxy,
 * good enough to prefer the region over the other end of the country. Ties: lower province code, then a shelter
 * covering the anchor's own district/commune, then the lower agency id.
 */

export interface ShelterMatch extends AgencyMatch {
  province: { id: number; code: string; name: string };
  freePlaces: number;
}

export interface FindShelterInput {
  anchorUnitId: number;
  anchorRole?: Anchor['role'];
  victims: readonly CaseVictim[];
  exclude?: readonly number[];
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
  province_id: number;
  province_code: string;
  province_name: string;
  covers_anchor: boolean;
  accepted_sexes: string[];
  age_min: number;
  age_max: number;
  capacity: number;
  occupancy: number;
}

/** Active shelters with the provinces (of one dataset) their coverage lies in; covers_anchor: they cover a unit of `chainIds`. */
async function sheltersByProvince(db: Executor, dataset: UnitDataset, chainIds: number[]): Promise<Candidate[]> {
  const r = await sql<Candidate>`
    with recursive up as (
      select au.agency_id, u.id, u.parent_id, u.level, u.dataset, (u.id = any(${chainIds}::int[])) as covers_anchor, 0 as depth
      from agency_units au join admin_units u on u.id = au.unit_id join agencies a on a.id = au.agency_id
      where a.type = 'shelter' and a.active
      union all
      select up.agency_id, p.id, p.parent_id, p.level, p.dataset, up.covers_anchor, up.depth + 1
      from up join admin_units p on p.id = up.parent_id where up.depth < 10
    )
    select a.id as agency_id, a.name as agency_name, a.focal_phones, pu.id as province_id, pu.code as province_code, pu.name as province_name,
           bool_or(up.covers_anchor) as covers_anchor,
           a.shelter_accepted_sexes as accepted_sexes, a.shelter_age_min as age_min, a.shelter_age_max as age_max,
           a.shelter_capacity as capacity, coalesce(a.shelter_occupancy, 0) as occupancy
    from up join agencies a on a.id = up.agency_id join admin_units pu on pu.id = up.id
    where up.level = 'province' and up.dataset = ${dataset}
    group by a.id, pu.id`.execute(db);
  return r.rows;
}

/**
 * The nearest shelter that fits all the victims: the anchor's province first, then the next nearest province
 * with a place. None anywhere → null (the caller sends the case to the supervisor).
 */
export async function findShelter(db: Executor, input: FindShelterInput): Promise<ShelterMatch | null> {
  const chain = await unitChain(db, input.anchorUnitId);
  const anchorUnit = chain[0];
  const home = chain.find((u) => u.level === 'province');
  if (!anchorUnit || !home) return null;
  const excluded = new Set(input.exclude ?? []);
  const distance = (code: string) => Math.abs(Number(code) - Number(home.code));

  const fitting = (await sheltersByProvince(db, home.dataset, chain.map((u) => u.id)))
    .filter((c) => !excluded.has(c.agency_id))
    .filter((c) =>
      shelterAccepts(
        { acceptedSexes: c.accepted_sexes ?? [], ageMin: c.age_min ?? 0, ageMax: c.age_max ?? 120, capacity: c.capacity ?? 0, occupancy: c.occupancy },
        input.victims,
      ),
    )
    .sort(
      (a, b) =>
        distance(a.province_code) - distance(b.province_code) ||
        a.province_code.localeCompare(b.province_code) ||
        Number(b.covers_anchor) - Number(a.covers_anchor) ||
        a.agency_id - b.agency_id,
    );
  const best = fitting[0];
  if (!best) return null;

  const province: UnitInfo = { id: best.province_id, dataset: home.dataset, code: best.province_code, name: best.province_name, level: 'province' };
  const freePlaces = (best.capacity ?? 0) - best.occupancy;
  const role = ANCHOR_ROLE_VI[input.anchorRole ?? 'location'];
  const where =
    province.id === home.id
      ? `${unitLabel(province)}, ${role}`
      : `${unitLabel(province)}, tỉnh gần nhất còn chỗ, vì ${unitLabel(home)} (${role}) không còn cơ sở phù hợp`;
  return {
    agencyId: best.agency_id,
    agencyName: best.agency_name,
    focalPhones: best.focal_phones,
    unit: { id: province.id, code: province.code, name: province.name, level: 'province' },
    province: { id: province.id, code: province.code, name: province.name },
    freePlaces,
    explanation: `${best.agency_name} tiếp nhận nạn nhân tại ${where}: đúng giới tính, độ tuổi và còn ${freePlaces} chỗ trống`,
  };
}
