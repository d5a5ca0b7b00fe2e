import { VN_UTC_OFFSET_MINUTES } from './sla/sla.js';

/**
 * Vietnam's local time: UTC+7 all year, no daylight saving. These helpers never use the machine's or the
 * browser's time zone.
 */
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;

/** The instant shifted so that its UTC fields (getUTCHours, toISOString…) read as Vietnam's local time. */
export const vnLocal = (at: Date | number = Date.now()): Date => new Date(new Date(at).getTime() + OFFSET_MS);

/** The local (Vietnam) date of an instant, YYYY-MM-DD. */
export const vnDay = (at: Date | number = Date.now()): string => vnLocal(at).toISOString().slice(0, 10);

/** The instant at which a local (Vietnam) day, YYYY-MM-DD, begins. */
export const vnMidnight = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
