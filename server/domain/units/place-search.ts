import { sql } from 'kysely';
import type { PlaceHit, UnitDataset, UnitLevel } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { FOLD, foldVietnamese } from './fold-vietnamese.js';

/**
 * Places as callers say them: one search across both structures, accents and unit words ignored. "vi xuyen",
 * "Đạo Đức, Vị Xuyên, Hà Giang", "xa dao duc huyen vi xuyen". Each comma, or a unit word, starts a part: the first part
 * must be in the place's own name, the others anywhere in its path. An old place comes with what it is now.
 */

/** Unit words (folded) as callers and GSO write them, longest first. */
const KIND_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'dac khu', 'tinh', 'huyen', 'quan', 'phuong', 'xa', 'tp', 'tx', 'tt'];
const KIND_RE = new RegExp(`(^|\\s)(${KIND_WORDS.join('|')})(?=\\s|$)`, 'g');

/** The query as parts of words: "Xã Đạo Đức, huyện Vị Xuyên" → [["dao", "duc"], ["vi", "xuyen"]]. */
export function queryParts(q: string): string[][] {
  return parseQuery(q).parts;
}

/** The parts, and the unit word said before the first one ("huyện Vị Xuyên" → "huyen"): it ranks that kind first. */
export function parseQuery(q: string): { parts: string[][]; kind: string | null } {
  const folded = foldVietnamese(q.normalize('NFC')).replace(/[^a-z0-9,\s]+/g, ' ');
  const chunks = folded.split(',').flatMap((part) => part.replace(KIND_RE, '$1,$2 ').split(','));
  let kind: string | null = null;
  const parts: string[][] = [];
  for (const chunk of chunks) {
    const words = chunk.trim().split(/\s+/).filter(Boolean);
    const said = KIND_WORDS.find((k) => words.join(' ').startsWith(`${k} `) || words.join(' ') === k);
    const rest = said ? words.slice(said.split(' ').length) : words;
    if (rest.length === 0) {
      if (parts.length === 0 && said) kind = said;
      continue;
    }
    if (parts.length === 0 && said) kind = said;
    parts.push(rest);
  }
  return { parts, kind };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Words that start with `w` (search_name and search_path are stored with a space on each side). */
const wordPrefix = (w: string) => `% ${escapeLike(w)}%`;

interface Row {
  id: number;
  dataset: UnitDataset;
  code: string;
  level: UnitLevel;
  name: string;
  path: string | null;
  whole: boolean;
}

/** Up to `limit` places matching `q`, the best first; each old one with its 2025 successor(s). */
export async function searchPlaces(db: Executor, q: string, limit = 20): Promise<PlaceHit[]> {
  const { parts, kind } = parseQuery(q);
  if (parts.length === 0) return [];
  const first = parts[0]!;
  // Each part as a phrase from a word's start: "vi xuyen" must not match "vinh ... xuyen".
  const phrases = parts.map((words) => wordPrefix(words.join(' ')));
  const r = await sql<Row>`
    select id, dataset, code, level, name, path,
           search_name = ${` ${first.join(' ')} `} as whole
      from admin_units
     where search_name like ${phrases[0]!}
       and search_path like all(${phrases}::text[])
     order by whole desc,
              ${kind ? sql`(lower(translate(name, ${FOLD.from}, ${FOLD.to})) like ${`${kind} %`}) desc,` : sql``}
              (dataset = 'vn-2025') desc,
              case level when 'commune' then 0 when 'district' then 1 else 2 end, length(path), id
     limit ${limit}`.execute(db);
  return withSuccessors(db, r.rows);
}

/** One place by dataset and code, as search shows it (for a restored form), or null. */
export async function findPlace(db: Executor, dataset: UnitDataset, code: string): Promise<PlaceHit | null> {
  const r = await sql<Row>`
    select id, dataset, code, level, name, path, true as whole from admin_units where dataset = ${dataset} and code = ${code}`.execute(db);
  return (await withSuccessors(db, r.rows))[0] ?? null;
}

/**
 * What each old place is now: an old commune's successors from the crosswalk (several when it was divided); an old
 * district or province, the most specific 2025 unit holding all of it.
 */
async function withSuccessors(db: Executor, rows: Row[]): Promise<PlaceHit[]> {
  const old = rows.filter((x) => x.dataset === 'vn-2023').map((x) => x.id);
  const now = old.length
    ? (await sql<{ old_id: number; id: number; code: string; name: string; path: string | null; divided: boolean; rank: number }>`
        select s.old_unit_id as old_id, n.id, n.code, n.name, n.path, s.divided, 0 as rank
          from admin_unit_successors s join admin_units n on n.id = s.new_unit_id
         where s.old_unit_id = any(${old}::int[])
        union all
        select * from (
          select distinct on (c.unit_id) c.unit_id, n.id, n.code, n.name, n.path, false, 1
            from unit_cover c join admin_units n on n.id = c.cover_id
           where c.unit_id = any(${old}::int[]) and n.dataset = 'vn-2025'
             and not exists (select 1 from admin_unit_successors s where s.old_unit_id = c.unit_id)
           order by c.unit_id, n.ground_size, n.id) covers
        order by old_id, rank, code`.execute(db)).rows
    : [];
  return rows.map((x) => ({
    id: x.id,
    dataset: x.dataset,
    code: x.code,
    level: x.level,
    name: x.name,
    path: x.path ?? x.name,
    now: now.filter((n) => n.old_id === x.id).map((n) => ({ id: n.id, code: n.code, name: n.name, path: n.path ?? n.name, divided: n.divided })),
  }));
}
