import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { HolidayOverrideKind } from '../../../shared/index.js';

/** A day off, as a local (Vietnam) calendar date. */
export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
}

/**
 * Which local dates are days off. `isHoliday` already applies the overrides: a 'workday' override wins over both a
 * law holiday and a 'holiday' override for the same date (an admin who records a make-up working day means it).
 */
export interface DayRules {
  isHoliday(date: string): boolean;
  /**
   * A 'workday' override: the day is worked even if the calendar has no hours on its weekday (a make-up working
   * Saturday). The SLA calendar then gives it the hours of the first weekday, Monday first, that has hours.
   */
  isWorkdayOverride(date: string): boolean;
}

const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, n: number): string => dateOf(dayNumber(date) + n);
/** Saturday or Sunday: the weekly rest day of Art. 112(3). */
const isWeekend = (date: string): boolean => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
};

// One instance: building it parses the whole country rule set. Its date strings are local dates, which is all we read.
let vn: Holidays | undefined;
const vnHolidays = (): Holidays => (vn ??= new Holidays('VN'));

/** A lunar holiday's Gregorian date, found by date-holidays' rule (stable) rather than its name (translatable). */
function lunarDate(list: readonly HolidaysTypes.Holiday[], year: number, rule: string, what: string): string {
  const hit = list.find((h) => h.type === 'public' && h.rule === rule);
  if (!hit) throw new Error(`date-holidays has no ${what} (${rule}) for ${year}`);
  return hit.date.slice(0, 10);
}

const TET_DAY_NAMES = ['Giao thừa', 'Mùng 1', 'Mùng 2', 'Mùng 3', 'Mùng 4'].map((d) => `Tết Nguyên Đán (${d})`);

const baseByYear = new Map<number, readonly Holiday[]>();

/**
 * The Art. 112(1) holidays whose Tết falls in lunar year `year` (plus the fixed-date ones of Gregorian `year`),
 * before substitute days. Tết of `year` lies wholly in `year`: lunar new year is 21 Jan at the earliest, so its eve
 * is never in December.
 */
function baseHolidays(year: number): readonly Holiday[] {
  // date-holidays takes tens of ms per year, and each year's list also reads its neighbours.
  const cached = baseByYear.get(year);
  if (cached) return cached;
  const pad = (md: string): string => `${String(year).padStart(4, '0')}-${md}`;
  const fromLib = vnHolidays().getHolidays(year);
  const tet = lunarDate(fromLib, year, 'vietnamese 1-0-1', 'Tết Nguyên Đán');
  const list: readonly Holiday[] = [
    { date: pad('01-01'), name: 'Tết Dương lịch' },
    // The last day of the lunar year (29 or 30 of the 12th month) and lunar 1/1 to 1/4: the default 5-day split.
    ...TET_DAY_NAMES.map((name, i) => ({ date: addDays(tet, i - 1), name })),
    { date: lunarDate(fromLib, year, 'vietnamese 3-0-10', 'Giỗ Tổ Hùng Vương'), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: pad('04-30'), name: 'Ngày Chiến thắng (30/4)' },
    { date: pad('05-01'), name: 'Ngày Quốc tế Lao động (1/5)' },
    // The second National Day is "the day before or after" 2/9, chosen each year by the Prime Minister; 1/9 is our
    // default. Another choice is recorded as a 'holiday' override (plus a 'workday' override for 1/9).
    { date: pad('09-01'), name: 'Quốc khánh (ngày liền kề)' },
    { date: pad('09-02'), name: 'Quốc khánh (2/9)' },
  ];
  baseByYear.set(year, list);
  return list;
}

const byYear = new Map<number, readonly Holiday[]>();

/**
 * Days off under the Labour Code 2019, Art. 112, in Gregorian `year`, sorted by date, one entry per date: the
 * holidays, and for each one on a Saturday or Sunday a substitute day off on the next Monday–Friday that is neither
 * a holiday nor already another holiday's substitute (Art. 112(3)). Two holidays on one date (Hùng Kings can meet
 * 30/4 or 1/5) make one day off with both names: the law gives a substitute only for the weekly rest day.
 */
export function lawHolidays(year: number): Holiday[] {
  let list = byYear.get(year);
  if (!list) {
    list = computeLawHolidays(year);
    byYear.set(year, list);
  }
  return list.map((h) => ({ ...h }));
}

function computeLawHolidays(year: number): Holiday[] {
  // Neighbouring years too, so a substitute never lands on a holiday across New Year and any spill-over is kept.
  const names = new Map<string, string>();
  for (const h of [year - 1, year, year + 1].flatMap(baseHolidays)) {
    const prev = names.get(h.date);
    names.set(h.date, prev ? `${prev}; ${h.name}` : h.name);
  }
  const days = [...names].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(names.keys());
  const substitutes: Holiday[] = [];
  // In date order, so an earlier holiday gets the earlier substitute (Sat + Sun of Tết → the next two free weekdays).
  for (const h of days) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    substitutes.push({ date: d, name: `Nghỉ bù ${h.name}` });
  }
  const prefix = `${String(year).padStart(4, '0')}-`;
  return [...days, ...substitutes].filter((h) => h.date.startsWith(prefix)).sort((a, b) => a.date.localeCompare(b.date));
}

const lawSets = new Map<number, ReadonlySet<string>>();

function isLawHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = lawSets.get(year);
  if (!set) {
    set = new Set(lawHolidays(year).map((h) => h.date));
    lawSets.set(year, set);
  }
  return set.has(date);
}

/** Day rules from the admins' overrides (dates YYYY-MM-DD). Law holidays are computed lazily, once per year. */
export function buildDayRules(overrides: readonly { date: string; kind: HolidayOverrideKind }[]): DayRules {
  const extra = new Set<string>();
  const worked = new Set<string>();
  for (const o of overrides) (o.kind === 'workday' ? worked : extra).add(o.date);
  return {
    isHoliday: (date) => !worked.has(date) && (extra.has(date) || isLawHoliday(date)),
    isWorkdayOverride: (date) => worked.has(date),
  };
}
