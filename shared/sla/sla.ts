import type { Priority } from '../referrals.js';

/** The three deadlines every referral runs on (domain.md, "Referral lifecycle and SLA"). Stored values: never rename. */
export const SLA_METRICS = ['acknowledge', 'first_action', 'close'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * Clock rows: the three SLA metrics, plus `reroute`, the routing target's own timeout after which an unacknowledged
 * referral moves on to the next target (no warning, no escalation: it re-routes).
 */
export const CLOCK_KINDS = [...SLA_METRICS, 'reroute', 'callback'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** `stopped`: the referral left this agency (declined, re-routed, cancelled) before the clock was met. */
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** minutes/hours/days run on the wall clock (24/7); business_* count only the policy calendar's working time. */
export const TARGET_UNITS = ['minutes', 'hours', 'days', 'business_hours', 'business_days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const BUSINESS_UNITS: readonly TargetUnit[] = ['business_hours', 'business_days'];

/** 1: the agency's parent (provincial department); 2: the hotline supervisor. */
export const ESCALATION_LEVELS = [1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Holiday overrides: an extra day off (a Prime Minister's decision), or a make-up working day on a weekend. */
export const HOLIDAY_OVERRIDE_KINDS = ['holiday', 'workday'] as const;
export type HolidayOverrideKind = (typeof HOLIDAY_OVERRIDE_KINDS)[number];

/** Vietnam has one time zone and no daylight saving: UTC+7 all year. Calendars work in this local time. */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

export type { Priority };
