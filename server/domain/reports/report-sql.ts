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
 * The areas a located contact counts in: `report_unit_area(unit_id, area_id)` (migration 0010), the unit's own chain
 * plus the 2025 units whose ground holds all of its ground. Join it on the location unit.
 */
export const UNIT_AREA = sql`report_unit_area`;

/**
 * The "province" key of case `cases` (with `tp` = report_unit_province joined on its location unit): today's
 * province id (an old Hà Giang commune is in Tuyên Quang), or abroad / unknown.
 */
export const PROVINCE_KEY = sql`case when location_kind = 'unit' then coalesce(tp.province_id::text, 'unknown') else location_kind end`;
export const TODAY_PROVINCE = sql`left join report_unit_province tp on tp.unit_id = cases.location_unit_id`;
