import { sql } from 'kysely';
import { bareUnitName, unitPath, type UnitLevel } from '../../../shared/index.js';
import type { Tx } from '../../db/database.js';
import { foldVietnamese } from './fold-vietnamese.js';

/**
 * Rebuilds what is derived from the units and the crosswalk (migration 0007), in the caller's transaction:
 * 1. unit_ground: each unit → the 2025 communes its ground lies in (a 2025 commune is its own ground; an old commune
 *    has its successors; a district or province has the union of what lies below it);
 * 2. unit_cover: each unit → every unit whose ground holds all of its ground, plus its own ancestors (via_chain), so an
 *    agency covering either structure serves the same ground in the other;
 * 3. a point for every unit without one (the mean of its ground's points) and its full path and search text.
 * Run after an import changed something; a few hundred milliseconds for the whole country.
 */
export async function rebuildUnitMap(tx: Tx): Promise<void> {
  // Fresh tables have no statistics: JIT would compile these one-off statements for longer than they run.
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
  await sql`delete from unit_ground`.execute(tx);
  await sql`
    insert into unit_ground (unit_id, commune_id)
    with recursive base(unit_id, commune_id) as (
      select id, id from admin_units where dataset = 'vn-2025' and level = 'commune'
      union select old_unit_id, new_unit_id from admin_unit_successors
    ), up(unit_id, commune_id) as (
      select unit_id, commune_id from base
      union
      select u.parent_id, up.commune_id from up join admin_units u on u.id = up.unit_id where u.parent_id is not null
    )
    select unit_id, commune_id from up`.execute(tx);
  await rebuildCover(tx);
  await updateUnits(tx);
  // Routing and statistics plan their queries on these tables at once (and autovacuum may be off).
  await sql`analyze admin_units, admin_unit_successors, unit_ground, unit_cover`.execute(tx);
}

async function rebuildCover(tx: Tx): Promise<void> {
  await sql`delete from unit_cover`.execute(tx);
  await sql`
    insert into unit_cover (unit_id, cover_id, via_chain)
    with recursive chain(unit_id, cover_id) as (
      select id, id from admin_units
      union all
      select ch.unit_id, u.parent_id from chain ch join admin_units u on u.id = ch.cover_id where u.parent_id is not null
    ), size as (select unit_id, count(*) as n from unit_ground group by unit_id),
    same_ground as (
      select l.unit_id, c.unit_id as cover_id
        from unit_ground l
        join unit_ground c on c.commune_id = l.commune_id
        join size on size.unit_id = l.unit_id
       group by l.unit_id, c.unit_id, size.n
      having count(*) = size.n
    )
    select coalesce(ch.unit_id, g.unit_id), coalesce(ch.cover_id, g.cover_id), ch.unit_id is not null
      from chain ch full join same_ground g on g.unit_id = ch.unit_id and g.cover_id = ch.cover_id`.execute(tx);
}

interface UnitNode {
  id: number;
  name: string;
  level: UnitLevel;
  parent_id: number | null;
}

/** The folded name without its kind word, as search compares it: "Xã Đạo Đức" → "dao duc". */
export const searchName = (name: string) => foldVietnamese(bareUnitName(name)).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * One update of every unit whose derived columns changed: the ground's size, a point for units without a published one
 * (old units: the mean of the 2025 communes their ground became, close enough for distances), the full path and the
 * folded search text.
 */
async function updateUnits(tx: Tx): Promise<void> {
  const units = await tx.selectFrom('admin_units').select(['id', 'name', 'level', 'parent_id']).execute();
  const byId = new Map<number, UnitNode>(units.map((u) => [u.id, u]));
  const chainOf = (u: UnitNode) => {
    const chain = [u];
    for (let p = u.parent_id; p != null && chain.length < 10; p = byId.get(p)?.parent_id ?? null) chain.push(byId.get(p)!);
    return chain.filter(Boolean);
  };
  const ids: number[] = [];
  const paths: string[] = [];
  const names: string[] = [];
  const searchPaths: string[] = [];
  for (const u of units) {
    const chain = chainOf(u);
    ids.push(u.id);
    paths.push(unitPath(chain));
    names.push(` ${searchName(u.name)} `);
    searchPaths.push(` ${chain.map((c) => searchName(c.name)).join(' ')} `);
  }
  await sql`
    with g as (
      select ug.unit_id, count(*)::int as n, avg(c.lat) as lat, avg(c.lon) as lon
        from unit_ground ug join admin_units c on c.id = ug.commune_id group by ug.unit_id
    ), v as (
      select v.*, coalesce(g.n, 0) as n, g.lat, g.lon
        from unnest(${ids}::int[], ${paths}::text[], ${names}::text[], ${searchPaths}::text[]) as v(id, path, sname, spath)
        left join g on g.unit_id = v.id
    )
    update admin_units u
       set ground_size = v.n, path = v.path, search_name = v.sname, search_path = v.spath,
           lat = case when u.dataset = 'vn-2025' and u.lat is not null then u.lat else v.lat end,
           lon = case when u.dataset = 'vn-2025' and u.lon is not null then u.lon else v.lon end
      from v
     where u.id = v.id
       and (u.ground_size, u.path, u.search_name, u.search_path, u.lat, u.lon) is distinct from
           (v.n, v.path, v.sname, v.spath,
            case when u.dataset = 'vn-2025' and u.lat is not null then u.lat else v.lat end,
            case when u.dataset = 'vn-2025' and u.lon is not null then u.lon else v.lon end)`.execute(tx);
}
