import type { Lang } from '../i18n/labels.js';
import { foldKey, foldWords, matchRank } from '../text-fold.js';
import { ETHNIC_GROUPS, type EthnicGroup, type EthnicityCode } from './groups.js';

const BY_CODE = new Map<string, EthnicGroup>(ETHNIC_GROUPS.map((g) => [g.code, g]));

export const isEthnicityCode = (v: unknown): v is EthnicityCode => typeof v === 'string' && BY_CODE.has(v);

/** The group's name in the language; a code not on the list comes back as it is. */
export function ethnicityName(code: string, lang: Lang): string {
  return BY_CODE.get(code)?.[lang] ?? code;
}

/** Folded names of each group: the official ones first (they win a tie in search), then the aliases. */
const KEYS = ETHNIC_GROUPS.map((g) => ({ group: g, names: [foldKey(g.vi), foldKey(g.en)], aliases: g.aliases.map(foldKey) }));

/**
 * The groups matching what someone typed, best first: accents, case and separators do not matter ("hmong", "mong",
 * "meo" find HMông; "thai" finds Thái). A whole-name match beats a prefix, a prefix beats a match inside a name, and
 * the group's own names beat its aliases; ties keep code order. An empty query gives every group in code order.
 */
export function searchEthnicities(query: string): EthnicGroup[] {
  const q = foldKey(query);
  if (!q) return [...ETHNIC_GROUPS];
  const scored: { group: EthnicGroup; score: number }[] = [];
  for (const k of KEYS) {
    let best = Infinity;
    for (const n of k.names) best = Math.min(best, rankScore(matchRank(n, q), 0));
    for (const a of k.aliases) best = Math.min(best, rankScore(matchRank(a, q), 1));
    if (best < Infinity) scored.push({ group: k.group, score: best });
  }
  return scored.sort((a, b) => a.score - b.score || a.group.code.localeCompare(b.group.code)).map((s) => s.group);
}

const rankScore = (rank: 0 | 1 | 2 | null, aliasPenalty: number) => (rank === null ? Infinity : rank * 2 + aliasPenalty);

/** Every folded name and alias → its group (official names are entered first and never overwritten). */
const EXACT = new Map<string, EthnicityCode>();
for (const k of KEYS) for (const n of k.names) if (!EXACT.has(n)) EXACT.set(n, k.group.code);
for (const k of KEYS) for (const a of k.aliases) if (!EXACT.has(a)) EXACT.set(a, k.group.code);

const PREFIXES = /^((dan toc|dt|nguoi|toc) )+/;

/**
 * The group a free-text answer names exactly, or null (unknown): "Hmông", "H'Mông", "dân tộc Kinh", "người Tày",
 * "Khmer", "kinh (việt)", "03". Only whole names count, never a guess from part of one: a wrong group in the
 * statistics is worse than unknown.
 */
export function ethnicityFromText(text: string | null | undefined): EthnicityCode | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, '0');
    return isEthnicityCode(code) ? code : null;
  }
  // "Kinh (Việt)" or "HMông (Mèo)": the whole text, then without the prefix, then the part before the parenthesis.
  const words = foldWords(trimmed);
  const head = foldWords(trimmed.replace(/\(.*$/, ''));
  for (const c of [words, words.replace(PREFIXES, ''), head, head.replace(PREFIXES, '')]) {
    const code = EXACT.get(c.replace(/ /g, ''));
    if (code) return code;
  }
  return null;
}
