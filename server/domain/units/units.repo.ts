import { sql } from 'kysely';
import type { UnitDataset, UnitLevel, UnitRef, UnitView } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { ValidationError } from '../errors.js';
import { FOLD, foldVietnamese } from './fold-vietnamese.js';

export interface UnitFilter {
  dataset?: UnitDataset;
  parent?: string;
  level?: UnitLevel;
  q?: string;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUnits(db: Executor, f: UnitFilter): Promise<UnitView[]> {
  let query = db.selectFrom('admin_units').select(['id', 'dataset', 'code', 'level', 'name', 'parent_code', 'path']);
  if (f.dataset) query = query.where('dataset', '=', f.dataset);
  if (f.parent) query = query.where('parent_code', '=', f.parent);
  if (f.level) query = query.where('level', '=', f.level);
  const q = f.q ? foldVietnamese(f.q).trim() : '';
  if (q) {
    // Folded in SQL before lower(), so the result does not depend on the database's ctype.
    query = query.where(
      sql<string>`lower(translate(name, ${FOLD.from}, ${FOLD.to}))`,
      'like',
      `%${escapeLike(q)}%`,
    );
  }
  const rows = await query.orderBy('dataset').orderBy('code').limit(f.limit).execute();
  return rows.map((r) => ({ id: r.id, dataset: r.dataset, code: r.code, level: r.level, name: r.name, parentCode: r.parent_code, path: r.path ?? r.name }));
}

export const unitKey = (r: UnitRef) => `${r.dataset}:${r.code}`;

/**
 * Maps each referenced unit to its id, or throws a ValidationError naming every unknown
 * `coverage.<index>` so the admin form can point at the bad row.
 */
export async function resolveUnitIds(db: Executor, refs: UnitRef[], field = 'coverage'): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (refs.length === 0) return ids;
  const byDataset = new Map<UnitDataset, Set<string>>();
  for (const r of refs) byDataset.set(r.dataset, (byDataset.get(r.dataset) ?? new Set()).add(r.code));
  const rows = await db
    .selectFrom('admin_units')
    .select(['id', 'dataset', 'code'])
    .where((eb) =>
      eb.or(
        [...byDataset].map(([dataset, codes]) => eb.and([eb('dataset', '=', dataset), eb('code', 'in', [...codes])])),
      ),
    )
    .execute();
  for (const r of rows) ids.set(unitKey(r), r.id);
  const fields: Record<string, string> = {};
  refs.forEach((r, i) => {
    if (!ids.has(unitKey(r))) fields[`${field}.${i}`] = `unknown unit ${r.code} in ${r.dataset}`;
  });
  if (Object.keys(fields).length)
    throw new ValidationError(`unknown administrative unit: ${Object.values(fields)[0]}`, fields);
  return ids;
}
