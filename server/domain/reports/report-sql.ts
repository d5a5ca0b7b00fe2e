/** SQL pieces shared by the rollup refresh and the direct queries, so both count exactly the same way. */
import { sql } from 'kysely';

/** Classifications counted as trafficking cases, and as cases whose victims are counted. */
export const TRAFFICKING = sql`('trafficking','suspected_trafficking')`;
export const CASES = sql`('trafficking','suspected_trafficking','other_child_protection')`;

/** The ethnic group of victim `v`: its GSO code ('01'…'55', see shared/ethnicity/groups.ts), or unknown. */
export const ETHNIC_GROUP = sql`coalesce(v.ethnicity, 'unknown')`;

/** Where the victim of case `c` is: a country abroad, VN (a unit in Viet Nam), or unknown. */
export const DESTINATION = sql`case c.location_kind when 'abroad' then c.location_country when 'unit' then 'VN' else 'unknown' end`;

/**
 * `chain(unit_id, area_id)`: every unit paired with itself and each unit above it (commune → district → province,
 * any depth), and `top(unit_id, province_id)`: each unit's province. For a WITH RECURSIVE clause.
 */
export const UNIT_CHAIN = sql`
  chain(unit_id, area_id) as (
    select id, id from admin_units
    union all
    select ch.unit_id, u.parent_id from chain ch join admin_units u on u.id = ch.area_id where u.parent_id is not null
  ),
  top(unit_id, province_id) as (
    select ch.unit_id, ch.area_id from chain ch join admin_units u on u.id = ch.area_id where u.parent_id is null
  )`;
