import { VN_UTC_OFFSET_MINUTES, WEEKDAYS, type SlaTarget, type WorkingCalendar } from '../../../shared/index.js';
import type { DayRules } from './vn-holidays.js';

/*
 * SLA clock arithmetic. Instants are UTC `Date`s; working time is judged on Vietnamese wall time, which is UTC+7 all
 * year, so we shift by a constant and treat the result as a UTC timeline ("local ms"). Never the machine's zone.
 * Day number N is local midnight N days after 1970-01-01. Everything steps interval by interval, day by day.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OFFSET = VN_UTC_OFFSET_MINUTES * MINUTE;
/** More consecutive days without working time than this means the rules leave no working time: fail, don't spin. */
const MAX_IDLE_DAYS = 400;

/** One local day's working time: [start, end) in ms after local midnight, sorted, disjoint. */
type Intervals = readonly (readonly [number, number])[];
/** The working time of a local day number. */
type Schedule = (day: number) => Intervals;

const NONE: Intervals = [];
const WHOLE_DAY: Intervals = [[0, DAY]];

const toLocal = (d: Date): number => d.getTime() + OFFSET;
const toUtc = (local: number): Date => new Date(local - OFFSET);
const dayOf = (local: number): number => Math.floor(local / DAY);

// Day rules are keyed by date string; a day's string is wanted on every step, so remember them.
const dayKeys = new Map<number, string>();
function dayKey(day: number): string {
  let key = dayKeys.get(day);
  if (key === undefined) {
    if (dayKeys.size > 20_000) dayKeys.clear();
    key = new Date(day * DAY).toISOString().slice(0, 10);
    dayKeys.set(day, key);
  }
  return key;
}

/** Index into WEEKDAYS (Monday 0). Day 0, 1970-01-01, was a Thursday. */
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

interface Week {
  byWeekday: Intervals[];
  /** A 'workday' override on a day without hours works these: the first weekday, Monday first, that has hours. */
  makeUp: Intervals;
}

const parseHHMM = (s: string): number => (Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))) * MINUTE;

// Calendars come from policies that are reused across many clocks: parse each object once (never mutate one).
const weeks = new WeakMap<object, Week>();
function weekOf(calendar: Extract<WorkingCalendar, { mode: 'working_hours' }>): Week {
  let week = weeks.get(calendar);
  if (!week) {
    const byWeekday = WEEKDAYS.map((wd) =>
      mergeIntervals((calendar.hours[wd] ?? []).map(([a, b]) => [parseHHMM(a), parseHHMM(b)] as const)),
    );
    week = { byWeekday, makeUp: byWeekday.find((iv) => iv.length > 0) ?? NONE };
    weeks.set(calendar, week);
  }
  return week;
}

/** The schema only checks each interval is ordered; overlaps must not count twice. */
function mergeIntervals(list: (readonly [number, number])[]): Intervals {
  const sorted = [...list].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The working time business units count on. A '24x7' calendar still has holidays off here: a business day is never
 * a holiday. (Policies forbid business units on a 24x7 calendar; this keeps the functions total.)
 */
function businessSchedule(calendar: WorkingCalendar, days: DayRules): Schedule {
  if (calendar.mode === '24x7') return (day) => (days.isHoliday(dayKey(day)) ? NONE : WHOLE_DAY);
  const week = weekOf(calendar);
  if (week.makeUp.length === 0) throw new Error('the working calendar has no working hours on any weekday');
  return (day) => {
    const key = dayKey(day);
    if (days.isHoliday(key)) return NONE;
    const own = week.byWeekday[weekdayOf(day)] ?? NONE;
    if (own.length > 0) return own;
    return days.isWorkdayOverride(key) ? week.makeUp : NONE;
  };
}

function idleGuard(idle: number): number {
  if (idle > MAX_IDLE_DAYS)
    throw new Error(`no working time in ${MAX_IDLE_DAYS} consecutive days: check the calendar and holiday overrides`);
  return idle;
}

/** Working ms in [a, b) (local ms). */
function workingBetween(a: number, b: number, schedule: Schedule): number {
  let total = 0;
  for (let day = dayOf(a); day * DAY < b; day++) {
    const base = day * DAY;
    for (const [s, e] of schedule(day)) {
      const lo = Math.max(a, base + s);
      const hi = Math.min(b, base + e);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * The earliest instant t >= start with `ms` of working time in [start, t]. So 0 gives start itself, and a budget that
 * ends exactly at an interval's end gives that end (11:30), not the next interval's start (13:30).
 */
function addWorking(start: number, ms: number, schedule: Schedule): number {
  if (ms <= 0) return start;
  let remaining = ms;
  let idle = 0;
  for (let day = dayOf(start); ; day++) {
    const base = day * DAY;
    const intervals = schedule(day);
    idle = intervals.length === 0 ? idleGuard(idle + 1) : 0;
    for (const [s, e] of intervals) {
      const lo = Math.max(start, base + s);
      const hi = base + e;
      if (hi <= lo) continue;
      if (remaining <= hi - lo) return lo + remaining;
      remaining -= hi - lo;
    }
  }
}

/** The first working instant at or after `t`. */
function nextWorking(t: number, schedule: Schedule): number {
  let idle = 0;
  for (let day = dayOf(t); ; day++) {
    const base = day * DAY;
    const intervals = schedule(day);
    idle = intervals.length === 0 ? idleGuard(idle + 1) : 0;
    for (const [s, e] of intervals) if (base + e > t) return Math.max(t, base + s);
  }
}

/**
 * N working days later at the same time of day. The start is first moved to the next working instant s, on day D.
 * The due day E is the N-th day after D that has working time; the due instant is s's time of day on E if that is
 * working time, else E's first working instant after it, else the end of E's last interval (E works shorter hours).
 * A fraction f of a day is f times E's total working time, added as working time from there (0.5 business days from
 * Mon 09:00 on office hours: 3 h 45 min of working time, 14:45).
 */
function addBusinessDays(start: number, value: number, schedule: Schedule): number {
  const whole = Math.floor(value);
  const s = nextWorking(start, schedule);
  const timeOfDay = s - dayOf(s) * DAY;
  let day = dayOf(s);
  let idle = 0;
  for (let n = 0; n < whole; ) {
    day++;
    if (schedule(day).length > 0) {
      n++;
      idle = 0;
    } else idle = idleGuard(idle + 1);
  }
  const intervals = schedule(day);
  const base = day * DAY;
  const hit = intervals.find(([, e]) => e > timeOfDay);
  const due = hit ? base + Math.max(timeOfDay, hit[0]) : base + (intervals[intervals.length - 1]?.[1] ?? timeOfDay);
  const fraction = value - whole;
  if (fraction <= 0) return due;
  const dayTotal = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
  return addWorking(due, Math.round(fraction * dayTotal), schedule);
}

/**
 * When a target started at `start` is due. minutes/hours/days run on the wall clock (a day is 24 h; Vietnam has no
 * DST) and ignore the calendar and holidays. business_hours count the calendar's working time on days that are not
 * holidays, from the next working instant; business_days: see addBusinessDays. Results are rounded to the ms.
 */
export function dueAt(start: Date, target: SlaTarget, calendar: WorkingCalendar, days: DayRules): Date {
  const { value, unit } = target;
  switch (unit) {
    case 'minutes':
      return new Date(start.getTime() + Math.round(value * MINUTE));
    case 'hours':
      return new Date(start.getTime() + Math.round(value * HOUR));
    case 'days':
      return new Date(start.getTime() + Math.round(value * DAY));
    case 'business_hours':
      return toUtc(addWorking(toLocal(start), Math.round(value * HOUR), businessSchedule(calendar, days)));
    case 'business_days':
      return toUtc(addBusinessDays(toLocal(start), value, businessSchedule(calendar, days)));
    default: {
      const never: never = unit;
      throw new Error(`unknown target unit ${String(never)}`);
    }
  }
}

/**
 * Working ms between a and b (0 if b <= a). A '24x7' calendar works all the time, holidays included (police,
 * shelters), so this is plain b - a there.
 */
export function workingMsBetween(a: Date, b: Date, calendar: WorkingCalendar, days: DayRules): number {
  if (b <= a) return 0;
  if (calendar.mode === '24x7') return b.getTime() - a.getTime();
  return workingBetween(toLocal(a), toLocal(b), businessSchedule(calendar, days));
}

/** The earliest instant with `ms` of working time since start (start itself for 0); start + ms on a '24x7' calendar. */
export function addWorkingMs(start: Date, ms: number, calendar: WorkingCalendar, days: DayRules): Date {
  if (calendar.mode === '24x7') return new Date(start.getTime() + Math.max(0, ms));
  return toUtc(addWorking(toLocal(start), ms, businessSchedule(calendar, days)));
}

/**
 * The instant when `percent`% of the budget from start to due has elapsed: working time (as dueAt counts it) when
 * `business`, else wall time. Percent above 100 reaches past due (a supervisor alert 25% after breach is 125).
 * Returns due when due <= start.
 */
export function warnAt(start: Date, due: Date, percent: number, business: boolean, calendar: WorkingCalendar, days: DayRules): Date {
  if (due <= start) return due;
  if (!business) return new Date(start.getTime() + Math.round(((due.getTime() - start.getTime()) * percent) / 100));
  const schedule = businessSchedule(calendar, days);
  const a = toLocal(start);
  const budget = workingBetween(a, toLocal(due), schedule);
  return toUtc(addWorking(a, Math.round((budget * percent) / 100), schedule));
}

/**
 * Where an instant of a clock paused at pausedAt moves when it resumes at resumedAt: the time left from pausedAt to
 * instant (working time when `business`) is left again from resumedAt. Instants at or before the pause stay.
 */
export function resumeShift(
  pausedAt: Date,
  resumedAt: Date,
  instant: Date,
  business: boolean,
  calendar: WorkingCalendar,
  days: DayRules,
): Date {
  if (instant <= pausedAt) return instant;
  if (!business) return new Date(instant.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
  const schedule = businessSchedule(calendar, days);
  const left = workingBetween(toLocal(pausedAt), toLocal(instant), schedule);
  // No working time left (due at the next opening, 07:30 or 13:30): due when work resumes, never at a closed hour.
  return toUtc(left > 0 ? addWorking(toLocal(resumedAt), left, schedule) : nextWorking(toLocal(resumedAt), schedule));
}
