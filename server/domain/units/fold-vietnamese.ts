/**
 * Accent folding for search without PostgreSQL's unaccent extension (not always installed):
 * the same mapping runs in JS on the query and in SQL via translate() on the column.
 */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function build(): { from: string; to: string } {
  let from = 'đĐ';
  let to = 'dd';
  for (const v of VOWELS) {
    const base = v.normalize('NFD').replace(/\p{M}/gu, '');
    for (const tone of TONES) {
      const lower = (v + tone).normalize('NFC');
      if (lower === base) continue;
      from += lower + lower.toUpperCase();
      to += base + base;
    }
  }
  return { from, to };
}

/** translate() arguments: each character of `from` maps to the character at the same position in `to`. */
export const FOLD = build();

/** Lower-case, accent-free form: "Huyện Vị Xuyên" → "huyen vi xuyen". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
