import { vnDay } from '../../../shared/index.js';
import { formatDate, formatPeriod } from '../i18n/format.js';

/**
 * Reporting periods as the statistics API takes them: inclusive local days (Vietnam, UTC+7), YYYY-MM-DD.
 * Arithmetic on calendar dates only (UTC dates stand for local days), so the browser's time zone never matters.
 */

/** Today in Vietnam, whatever the browser's time zone. */
export const vnToday = (now = Date.now()): string => vnDay(now);

const parts = (day: string) => ({ y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) });
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The same day n months later (or earlier), clamped to the month's last day (31 Aug − 6 months → 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const { y, m, d } = parts(day);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last));
}

/** The last n months up to today: 22/11/2026 → 23/05/2026 – 22/11/2026 for n = 6. */
export function lastMonths(n: number, today = vnToday()): Period {
  return { from: addDays(addMonths(today, -n), 1), to: today };
}

export interface Period {
  from: string;
  to: string;
}

/** The plans report every 6 and 12 months: calendar halves and years, plus rolling windows. */
export const PRESETS = [
  'this_month',
  'last_6_months',
  'last_12_months',
  'this_year_h1',
  'this_year_h2',
  'this_year',
  'prev_year_h1',
  'prev_year_h2',
  'prev_year',
] as const;
export type Preset = (typeof PRESETS)[number];

export function presetPeriod(p: Preset, today = vnToday()): Period {
  const y = Number(today.slice(0, 4));
  switch (p) {
    case 'this_month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_6_months':
      return lastMonths(6, today);
    case 'last_12_months':
      return lastMonths(12, today);
    case 'this_year_h1':
      return { from: `${y}-01-01`, to: `${y}-06-30` };
    case 'this_year_h2':
      return { from: `${y}-07-01`, to: `${y}-12-31` };
    case 'this_year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    case 'prev_year_h1':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-06-30` };
    case 'prev_year_h2':
      return { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` };
    case 'prev_year':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  }
}

/** The preset these dates match, if any (the filter's select shows it; anything else is a custom period). */
export function matchPreset(p: Period, today = vnToday()): Preset | null {
  return PRESETS.find((k) => {
    const q = presetPeriod(k, today);
    return q.from === p.from && q.to === p.to;
  }) ?? null;
}

/** The year a preset names (for "6 tháng đầu năm 2026"). */
export function presetYear(p: Preset, today = vnToday()): number {
  return Number(presetPeriod(p, today).from.slice(0, 4));
}

/** 2026-07-01 → 01/07/2026 (the console's one date format, i18n/format.ts). */
export const dayText = formatDate;

export const periodText = (p: Period): string => formatPeriod(p);
