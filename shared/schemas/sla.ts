import { z } from 'zod';
import { AGENCY_TYPES } from '../agencies.js';
import { CLASSIFICATIONS } from '../intake.js';
import { PRIORITIES } from '../referrals.js';
import { BUSINESS_UNITS, CLOCK_KINDS, HOLIDAY_OVERRIDE_KINDS, SLA_METRICS, TARGET_UNITS } from '../sla/sla.js';
import { workingCalendar } from './agencies.js';
import { CLEAN_TEXT_MESSAGE, isCleanText, isoDate, rowIdText, trimmedText } from './limits.js';

/** One deadline: a positive amount of a unit. Fractions are allowed (0.5 hours); zero or negative is not. */
export const slaTarget = z.object({
  value: z.number({ error: 'a target needs a number' }).positive('a target must be greater than zero').max(100_000),
  unit: z.enum(TARGET_UNITS),
});
export type SlaTarget = z.infer<typeof slaTarget>;

/** An SLA policy for one priority: the three targets, the working calendar business targets count on, thresholds. */
export const slaPolicyBody = z
  .object({
    targets: z.object({ acknowledge: slaTarget, first_action: slaTarget, close: slaTarget }),
    calendar: workingCalendar,
    /** Warning to the agency's focal points at this share of the target. */
    warnPercent: z.number().int().min(1).max(99).default(75),
    /** After a breach and the parent agency's alert, the supervisor is asked to decide this share of the target later. */
    supervisorAfterPercent: z.number().int().min(0).max(1000).default(25),
  })
  .superRefine((p, ctx) => {
    for (const m of SLA_METRICS) {
      if (BUSINESS_UNITS.includes(p.targets[m].unit) && p.calendar.mode !== 'working_hours')
        ctx.addIssue({ code: 'custom', path: ['targets', m, 'unit'], message: 'a business-hours target needs a working-hours calendar' });
    }
  });
export type SlaPolicyBody = z.infer<typeof slaPolicyBody>;

export const priorityParam = z.enum(PRIORITIES);

export const holidayOverrideBody = z.object({
  date: isoDate('date must be YYYY-MM-DD', 'planning'),
  kind: z.enum(HOLIDAY_OVERRIDE_KINDS),
  name: z.string().trim().min(1, 'give the day a name').max(120).refine(isCleanText, CLEAN_TEXT_MESSAGE),
});
export type HolidayOverrideBody = z.infer<typeof holidayOverrideBody>;

export const holidaysQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const clockKindParam = z.enum(CLOCK_KINDS);

export const clockPauseBody = z.object({ reason: z.string().trim().min(3, 'say why the clock is paused').max(500).refine(isCleanText, CLEAN_TEXT_MESSAGE) });
export const clockResumeBody = z.object({ note: trimmedText(500).default('') });

export const resolveEscalationBody = z.object({ note: z.string().trim().min(3, 'record what was decided').max(1000).refine(isCleanText, CLEAN_TEXT_MESSAGE) });

/** Filters of the supervisor board and its response-time metrics. */
export const boardQuery = z.object({
  /** admin_units.id of a province, in either dataset. */
  provinceId: rowIdText.optional(),
  agencyId: rowIdText.optional(),
  agencyType: z.enum(AGENCY_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;
