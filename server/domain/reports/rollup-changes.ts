import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { CASES, ETHNIC_GROUP } from './report-sql.js';
import type { Facts } from './rollup-counts.js';

/**
 * The change since the last refresh, from the logs the triggers of migration 0013 append to, as facts for addCounts:
 * each contact touched is counted out (-1) as the rollups hold it and in (+1) as it is now.
 *
 * "As the rollups hold it": its fields before its first logged change ('i': it did not exist), or as they are now if
 * only its victims changed; its victims as they are now, minus the victims logged as added, plus those logged as
 * removed. Read in the refresh's one snapshot (repeatable read), the logs and the tables agree: a change committed
 * later is in neither, and is folded by the next refresh. Days being recounted whole (`skipDays`) are left out.
 * `ids` are the contacts the logs name (touchedContacts): as an array the planner knows how few they are, and reads
 * them and their victims by index, whatever the size of the tables.
 */
export function changeFacts(ids: number[], skipDays: string[]): Facts {
  const c = sql.raw('received_at, training, channel, call_type, classification, purposes, location_kind, location_unit_id, location_country');
  const states = sql`
    first as (select distinct on (contact_id) * from report_contact_changes order by contact_id, seq),
    before as (
      select contact_id as id, ${c} from first where kind <> 'i'
      union all
      select id, ${c} from contacts where id = any(${ids}::bigint[]) and id not in (select contact_id from first)
    ),
    after as (select id, ${c} from contacts where id = any(${ids}::bigint[])),
    victims_after as (
      select contact_id, sex, age_band, ethnicity, nationality, 1 as n from contact_victims where contact_id = any(${ids}::bigint[])
    ),
    victims_before as (
      select contact_id, sex, age_band, ethnicity, nationality, sum(n)::int as n from (
        select * from victims_after
        union all select contact_id, sex, age_band, ethnicity, nationality, -n from report_victim_changes
      ) x where contact_id in (select id from before) group by 1, 2, 3, 4, 5 having sum(n) <> 0
    ),
    counted as (
      select -1 as s, * from before where not training union all select 1, * from after where not training
    ),
    victims as (select -1 as s, * from victims_before union all select 1, * from victims_after)`;
  const notSkipped = sql`report_day(c.received_at) <> all(${skipDays}::date[])`;
  return {
    contacts: sql`
      with ${states}
      select report_day(c.received_at) as day, c.location_unit_id, c.channel, c.call_type, c.classification, c.purposes,
             c.location_kind, c.location_country, c.s as n, c.s * coalesce(k.n, 0) as victims
      from counted c left join (select s, contact_id, sum(n)::int as n from victims group by 1, 2) k on k.s = c.s and k.contact_id = c.id
      where ${notSkipped}`,
    victims: sql`
      with ${states}
      select report_day(c.received_at) as day, c.location_unit_id, c.classification, v.sex, coalesce(v.age_band, 'unknown') as age_band,
             ${ETHNIC_GROUP} as eth, coalesce(v.nationality, 'unknown') as nat, c.s * v.n as n
      from counted c join victims v on v.s = c.s and v.contact_id = c.id
      where c.classification in ${CASES} and ${notSkipped}`,
  };
}

/** The contacts the logs name (none: nothing to fold). */
export async function touchedContacts(tx: Executor): Promise<number[]> {
  const r = await sql<{ id: number }>`select contact_id as id from report_contact_changes union select contact_id from report_victim_changes`.execute(tx);
  return r.rows.map((x) => x.id);
}

/** Empties the logs of what this snapshot read (rows committed since stay for the next refresh). */
export async function clearChanges(tx: Executor): Promise<void> {
  await sql`delete from report_contact_changes`.execute(tx);
  await sql`delete from report_victim_changes`.execute(tx);
}
