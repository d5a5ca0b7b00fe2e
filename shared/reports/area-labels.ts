/** How the statistics name an area and explain it across the 2025 reform (page, print page, workbook alike). */
import type { L } from '../i18n/labels.js';
import type { StatsArea } from './stats.js';

/** The mark of a unit of the map before the reform (its name may be today's name of another unit). */
export const BEFORE_2025: L = { vi: 'trước 01/7/2025', en: 'before 1 July 2025' };

/** A unit's name or full path, marked when it is an old unit: "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang (trước 01/7/2025)". */
export function unitTitle(u: { name: string; path?: string | null; dataset: string }, lang: keyof L): string {
  const name = u.path || u.name;
  return u.dataset === 'vn-2023' ? `${name} (${BEFORE_2025[lang]})` : name;
}

/** The area of a statistics result as a title: its full path, marked when old. */
export const areaTitle = (area: StatsArea, lang: keyof L) => unitTitle(area, lang);

const count = (n: number, lang: keyof L) =>
  lang === 'vi' ? `${n.toLocaleString('vi-VN')} liên hệ` : `${n.toLocaleString('en')} contact${n === 1 ? '' : 's'}`;

export const AREA_NOTES = {
  /** A 2025 area: `n` contacts of the period were recorded with old units on its ground. */
  crosswalk(n: number, level: StatsArea['level']): L {
    const divided: L = level === 'commune'
      ? {
        vi: ' Xã cũ được chia cho nhiều xã mới chỉ được tính vào tỉnh, không tính vào xã nào.',
        en: ' An old commune divided between several communes counts in its province only, in none of those communes.',
      }
      : { vi: '', en: '' };
    return {
      vi: 'Số liệu của khu vực theo địa giới từ 01/7/2025 gồm cả các liên hệ ghi theo đơn vị hành chính cũ thuộc khu vực này ' +
        `(theo bảng chuyển đổi 2025): ${count(n, 'vi')}.${divided.vi}`,
      en: 'The figures of this area, on the map in force since 1 July 2025, include the contacts recorded with the old ' +
        `administrative units on its ground (by the 2025 crosswalk): ${count(n, 'en')}.${divided.en}`,
    };
  },
  /** An old area: its own old units only. */
  oldUnits: {
    vi: 'Khu vực theo địa giới trước 01/7/2025: chỉ tính các liên hệ ghi theo đơn vị hành chính cũ thuộc khu vực này; dùng cho ' +
      'các kỳ trước 01/7/2025. Liên hệ ghi theo đơn vị hành chính từ 01/7/2025 được tính ở khu vực theo địa giới mới.',
    en: 'An area on the map before 1 July 2025: only the contacts recorded with its old administrative units count; use it for ' +
      'periods before 1 July 2025. Contacts recorded with the units in force since 1 July 2025 count in the areas of that map.',
  } satisfies L,
};
