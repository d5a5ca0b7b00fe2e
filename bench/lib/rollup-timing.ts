import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { rebuildRollups, refreshRollups } from '../../server/domain/reports/rollup.js';
import { now, round } from './stats.js';

export interface RollupTiming {
  rebuildMs: number | null;
  rebuildUsPerContact: number | null;
  refreshDays: number;
  refreshContacts: number;
  refreshMs: number | null;
  refreshUsPerContact: number | null;
}

/**
 * The cost of keeping the statistics rollups current, per contact: a full rebuild (after a bulk load or an upgrade)
 * and the incremental refresh of the last `days` days (what the reports worker does after a day of intake, here
 * for many days at once so the figure is not noise). Leaves the rollups as they were, vacuumed and analysed.
 */
export async function timeRollups(db: Database, today: string, days = 30): Promise<RollupTiming> {
  const contacts = Number((await sql<{ n: string }>`select count(*) as n from contacts`.execute(db)).rows[0]!.n);
  let t = now();
  await rebuildRollups(db);
  const rebuildMs = now() - t;
  await sql`vacuum (analyze) report_contact_daily, report_case_daily, report_victim_daily`.execute(db);
  const recent = await sql<{ n: string }>`
    select count(*) as n from contacts where report_day(received_at) > ${today}::date - ${days}::int`.execute(db);
  const refreshContacts = Number(recent.rows[0]!.n);
  await sql`insert into report_dirty_days (day) select ${today}::date - g from generate_series(0, ${days - 1}::int) g`.execute(db);
  t = now();
  const refreshDays = (await refreshRollups(db)).days;
  const refreshMs = now() - t;
  await sql`vacuum (analyze) report_contact_daily, report_case_daily, report_victim_daily`.execute(db);
  return {
    rebuildMs: round(rebuildMs), rebuildUsPerContact: round((1000 * rebuildMs) / Math.max(1, contacts), 2),
    refreshDays, refreshContacts, refreshMs: round(refreshMs), refreshUsPerContact: round((1000 * refreshMs) / Math.max(1, refreshContacts), 2),
  };
}
