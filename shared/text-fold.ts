/**
 * Folding for search and matching in pickers (browser-safe): accents, đ, case, and every separator go, so "H'Mông",
 * "Hmông", "HMONG" and "h mong" all fold to "hmong", and "Khơ-me" to "khome".
 */
export function foldKey(s: string): string {
  return foldWords(s).replace(/ /g, '');
}

/** Folded like foldKey but keeping single spaces between words ("Dân tộc Kinh" → "dan toc kinh"). */
export function foldWords(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** 0 equal, 1 starts with, 2 contains, null no match: how well a folded name matches a folded query. */
export function matchRank(name: string, query: string): 0 | 1 | 2 | null {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  return name.includes(query) ? 2 : null;
}
