import type { UnitLevel } from './units.js';

/** The kind words GSO puts before a unit's name, longest first so "Thành phố" wins over a bare match. */
export const UNIT_KIND_PREFIXES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Tỉnh', 'Huyện', 'Quận', 'Xã', 'Phường'] as const;

/** "Huyện Vị Xuyên" → "Vị Xuyên"; a name without a kind word stays as it is. */
export function bareUnitName(name: string): string {
  const p = UNIT_KIND_PREFIXES.find((k) => name.startsWith(`${k} `));
  return p ? name.slice(p.length + 1) : name;
}

/** "Huyện Vị Xuyên" → "huyện Vị Xuyên": how a unit reads after a comma or mid-sentence. */
export function lowerKind(name: string): string {
  const p = UNIT_KIND_PREFIXES.find((k) => name.startsWith(`${k} `));
  return p ? p.toLowerCase() + name.slice(p.length) : name;
}

/**
 * A unit's full path as people write an address: the unit as named, then its district (lower-case kind word), then
 * its province without "Tỉnh"/"Thành phố". "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang"; "Xã Vị Xuyên, Tuyên Quang".
 * `chain` runs from the unit up to its province.
 */
export function unitPath(chain: readonly { name: string; level: UnitLevel }[]): string {
  return chain
    .map((u, i) => {
      if (i === 0) return u.name;
      return u.level === 'province' ? bareUnitName(u.name) : lowerKind(u.name);
    })
    .join(', ');
}
