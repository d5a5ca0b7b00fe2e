import { sql, type RawBuilder } from 'kysely';
import type { EthnicityCode } from '../../../shared/index.js';

type Mix = readonly (readonly [EthnicityCode, number])[];

/**
 * Who the synthetic victims are, by where the case is (province codes valid in both datasets, or only in the one
 * that has them): shares of the GSO groups rounded from the 2019 census. Kinh are most people nationally; in the
 * northern mountains HMông, Tày, Dao, Thái and Nùng are; the Central Highlands add Gia-rai, Ê-đê, Ba-na and Cơ-ho;
 * the Mekong delta Khơ-me. Each mix sums to 1 (test/unit/ethnicities.test.ts).
 */
const MIXES: { provinces: readonly string[]; mix: Mix }[] = [
  // Hà Giang (three-tier dataset).
  { provinces: ['02'], mix: [['08', 0.33], ['02', 0.23], ['09', 0.15], ['01', 0.12], ['07', 0.1], ['25', 0.02], ['38', 0.01], ['43', 0.01], ['46', 0.01], ['40', 0.01], ['47', 0.01]] },
  // Tuyên Quang (since 2025 with Hà Giang).
  { provinces: ['08'], mix: [['01', 0.3], ['02', 0.25], ['08', 0.15], ['09', 0.12], ['15', 0.06], ['07', 0.05], ['25', 0.02], ['18', 0.02], ['43', 0.01], ['46', 0.01], ['38', 0.01]] },
  // Sơn La.
  { provinces: ['14'], mix: [['03', 0.53], ['01', 0.17], ['08', 0.17], ['06', 0.08], ['09', 0.02], ['34', 0.01], ['29', 0.01], ['33', 0.01]] },
  // Điện Biên, Lai Châu.
  { provinces: ['11', '12'], mix: [['08', 0.38], ['03', 0.3], ['01', 0.15], ['09', 0.06], ['35', 0.03], ['29', 0.03], ['25', 0.02], ['42', 0.01], ['41', 0.01], ['48', 0.01]] },
  // Cao Bằng, Lạng Sơn.
  { provinces: ['04', '20'], mix: [['02', 0.38], ['07', 0.35], ['01', 0.12], ['09', 0.08], ['08', 0.06], ['15', 0.01]] },
  // Lào Cai (since 2025 with Yên Bái).
  { provinces: ['15'], mix: [['01', 0.36], ['08', 0.22], ['02', 0.15], ['09', 0.12], ['03', 0.05], ['25', 0.03], ['07', 0.03], ['40', 0.02], ['35', 0.01], ['49', 0.01]] },
  // Central Highlands: Gia Lai, Đắk Lắk, Lâm Đồng (2025, each with a coastal province).
  { provinces: ['52', '66', '68'], mix: [['01', 0.7], ['10', 0.1], ['12', 0.07], ['13', 0.05], ['16', 0.03], ['20', 0.02], ['14', 0.01], ['17', 0.01], ['21', 0.01]] },
  // Mekong delta provinces with many Khmer people (Sóc Trăng, and the 2025 provinces that took in Trà Vinh, Kiên Giang…).
  { provinces: ['86', '91', '92', '94', '96'], mix: [['01', 0.72], ['05', 0.24], ['04', 0.03], ['17', 0.01]] },
  // Thanh Hóa, Nghệ An, Phú Thọ (with Hòa Bình since 2025).
  { provinces: ['25', '38', '40'], mix: [['01', 0.8], ['06', 0.1], ['03', 0.07], ['08', 0.02], ['29', 0.01]] },
];
const ELSEWHERE: Mix = [['01', 0.93], ['04', 0.02], ['06', 0.015], ['02', 0.01], ['03', 0.01], ['05', 0.01], ['07', 0.005]];

export const ETHNICITY_MIXES = [...MIXES.map((m) => m.mix), ELSEWHERE];

/** A CASE picking a group from uniform `u` (0–1) by cumulative share; the codes and shares are constants. */
function pick(mix: Mix, u: string): string {
  let cumulative = 0;
  const whens = mix.slice(0, -1).map(([code, share]) => `when ${u} < ${(cumulative += share).toFixed(4)} then '${code}'`);
  return `case ${whens.join(' ')} else '${mix[mix.length - 1]![0]}' end`;
}

/** The ethnic group of a victim of a case in province `province`, from uniform `u`. */
export function ethnicitySql(province: string, u: string): RawBuilder<string> {
  const branches = MIXES.map((m) => `when ${province} in (${m.provinces.map((p) => `'${p}'`).join(', ')}) then ${pick(m.mix, u)}`);
  return sql.raw(`case ${branches.join(' ')} else ${pick(ELSEWHERE, u)} end`);
}
