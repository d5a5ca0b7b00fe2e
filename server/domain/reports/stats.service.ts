import { sql } from 'kysely';
import { STAT_TABLE_IDS, unitTitle, type L, type StatsResult, type StatTable, type StatTableId } from '../../../shared/index.js';
import type { Clock } from '../../app-context.js';
import type { Database } from '../../db/database.js';
import { areaNote } from './area-note.js';
import { refreshRollups } from './rollup.js';
import { suppressSmallCells } from './small-cells.js';
import type { StatsScope } from './scope.js';
import { caseCounts, clockCounts, contactCounts, referralCounts, responseTimes, run, supportCounts, victimCounts } from './stats.queries.js';
import { caseTables, complianceTable, contactTables, referralTables, responseTable, supportTable, victimTables } from './stats-tables.js';

type Group = { tables: readonly StatTableId[]; compute: (db: Database, s: StatsScope) => Promise<StatTable[]> };

/** Each query and the tables cut from its result. */
const GROUPS: Group[] = [
  { tables: ['contacts_by_channel', 'contacts_by_call_type', 'contacts_by_classification'], compute: async (db, s) => contactTables(await contactCounts(db, s)) },
  {
    tables: ['cases_by_purpose', 'cases_by_destination', 'cases_by_province'],
    compute: async (db, s) => {
      const counts = await caseCounts(db, s);
      return caseTables(counts, await provinceNames(db, counts.filter((c) => c.dim === 'province').map((c) => c.key)));
    },
  },
  { tables: ['victims_by_sex', 'victims_by_age_band', 'victims_by_ethnicity', 'victims_by_nationality'], compute: async (db, s) => victimTables(await victimCounts(db, s)) },
  { tables: ['referrals_by_agency', 'referrals_by_status', 'referrals_by_outcome'], compute: async (db, s) => referralTables(await referralCounts(db, s)) },
  { tables: ['support_by_regime'], compute: async (db, s) => [supportTable(await supportCounts(db, s))] },
  { tables: ['response_times'], compute: async (db, s) => [responseTable(await responseTimes(db, s))] },
  { tables: ['sla_compliance'], compute: async (db, s) => [complianceTable(await clockCounts(db, s))] },
];

/**
 * The statistics tables for one scope (all, or `only` these). The rollups are brought up to date first (usually
 * nothing, or today, to recount), then the queries run side by side on the pool. `onProgress` gets 0–1 as they finish.
 */
export async function computeStats(
  deps: { db: Database; clock: Clock },
  scope: StatsScope,
  opts: { only?: readonly StatTableId[]; onProgress?: (fraction: number) => void | Promise<void> } = {},
): Promise<StatsResult> {
  const { db } = deps;
  const groups = GROUPS.filter((g) => !opts.only || g.tables.some((t) => opts.only!.includes(t)));
  if (!scope.agency && groups.some((g) => g.tables.some((t) => t.startsWith('contacts_') || t.startsWith('cases_') || t.startsWith('victims_'))))
    await refreshRollups(db);
  let done = 0;
  const [note, ...results] = await Promise.all([
    areaNote(db, scope),
    ...groups.map(async (g) => {
      const tables = await g.compute(db, scope);
      await opts.onProgress?.(++done / groups.length);
      return tables;
    }),
  ]);
  const all = (results as StatTable[][]).flat().filter((t) => !opts.only || opts.only.includes(t.id));
  // An agency reads only its own referrals' cases: a handful, each of which its officers may know by name.
  const tables = scope.agency ? suppressSmallCells(all) : all;
  tables.sort((a, b) => STAT_TABLE_IDS.indexOf(a.id) - STAT_TABLE_IDS.indexOf(b.id));
  return {
    period: { from: scope.from, to: scope.to },
    area: scope.area,
    agency: scope.agency,
    areaNote: note,
    generatedAt: deps.clock.now().toISOString(),
    tables,
  };
}

/**
 * Province names. The keys are today's provinces (report_unit_province); an old province appears only for old units
 * the crosswalk places in no 2025 province, and says so.
 */
async function provinceNames(db: Database, keys: string[]): Promise<Map<string, L>> {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (!ids.length) return new Map();
  const rows = await run(db, sql<{ id: number; name: string; dataset: string }>`
    select id, name, dataset from admin_units where id = any(${ids}::int[])`);
  return new Map(rows.map((r) => [String(r.id), { vi: unitTitle(r, 'vi'), en: unitTitle(r, 'en') }]));
}
