import { z } from 'zod';
import { STAT_TABLE_IDS } from '../reports/stats.js';
import { INT4_MAX, isoDate as boundedDate, trimmedText } from './limits.js';

/** The longest period statistics and reports cover. */
export const MAX_PERIOD_YEARS = 10;
/** The Counter-Trafficking Data Collaborative's threshold: no combination of quasi-identifiers shared by fewer people. */
export const DEFAULT_K = 11;
/** The least k an export may use: below it a published combination could be one or two people (issue 15). */
export const MIN_K = 5;

const isoDate = (what: string) => boundedDate(`${what} must be a date YYYY-MM-DD`);

/** to + 1 day ≤ from + 10 years, on calendar dates (no time zone involved). */
function withinYears(from: string, to: string, years: number): boolean {
  const f = new Date(`${from}T00:00:00Z`);
  const limit = new Date(Date.UTC(f.getUTCFullYear() + years, f.getUTCMonth(), f.getUTCDate()));
  return new Date(`${to}T00:00:00Z`).getTime() < limit.getTime();
}

const periodFields = {
  from: isoDate('from'),
  to: isoDate('to'),
  /** admin_units.id of a province or any unit below, in either dataset; absent: the whole country. */
  areaId: z.coerce.number().int('areaId must be a unit id').positive('areaId must be a unit id').max(INT4_MAX, 'areaId must be a unit id').optional(),
};

type Period = { from: string; to: string };
function checkPeriod(p: Period, ctx: z.RefinementCtx) {
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period ends before it starts' });
  else if (!withinYears(p.from, p.to, MAX_PERIOD_YEARS))
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_PERIOD_YEARS} years` });
}

/** GET /api/stats and /api/stats/:table.csv. */
export const statsQuery = z.object(periodFields).superRefine(checkPeriod);
export type StatsQuery = z.infer<typeof statsQuery>;

export const statTableParam = z.object({ table: z.enum(STAT_TABLE_IDS, 'no such statistics table') });

/** POST /api/reports: 6 months, 12 months or any period (the console offers the first two). */
export const reportBody = z
  .object({
    from: isoDate('from'),
    to: isoDate('to'),
    areaId: z.number().int('areaId must be a unit id').positive('areaId must be a unit id').max(INT4_MAX, 'areaId must be a unit id').nullable().default(null),
    label: trimmedText(200).nullable().default(null),
  })
  .superRefine(checkPeriod);
export type ReportBody = z.infer<typeof reportBody>;

/** GET /api/exports/htcds. */
export const htcdsQuery = z
  .object({
    ...periodFields,
    k: z.coerce.number().int('k must be a whole number').min(MIN_K, 'k must be at least 5').max(1000, 'k must be at most 1000').default(DEFAULT_K),
    format: z.enum(['csv', 'json'], 'format must be csv or json').default('csv'),
  })
  .superRefine(checkPeriod);
export type HtcdsQuery = z.infer<typeof htcdsQuery>;
