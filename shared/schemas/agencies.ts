import { z } from 'zod';
import { AGENCY_TYPES, SEXES, SUPPORT_REGIMES, WEEKDAYS } from '../agencies.js';
import { UNIT_DATASETS } from '../units.js';
import { phoneNumber, unitCode } from './common.js';
import { CLEAN_TEXT_MESSAGE, isCleanText, isoDate, rowId } from './limits.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');
const interval = z
  .tuple([hhmm, hhmm])
  .refine(([a, b]) => a < b, { message: 'a working interval must end after it starts' });

/** When an agency works: around the clock, or working hours (Vietnamese holidays are applied by the SLA calendar). */
export const workingCalendar = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('24x7') }),
  z
    .object({
      mode: z.literal('working_hours'),
      hours: z.partialRecord(z.enum(WEEKDAYS), z.array(interval).max(4)),
    })
    .refine((c) => Object.values(c.hours).some((iv) => iv && iv.length > 0), {
      message: 'a working-hours calendar needs at least one working interval',
      path: ['hours'],
    }),
]);
export type WorkingCalendar = z.infer<typeof workingCalendar>;

export const OFFICE_HOURS: WorkingCalendar = {
  mode: 'working_hours',
  hours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['07:30', '11:30'], ['13:30', '17:00']]]),
  ),
};

export const unitRef = z.object({ dataset: z.enum(UNIT_DATASETS), code: unitCode });
export type UnitRef = z.infer<typeof unitRef>;

export const shelterProfile = z
  .object({
    acceptedSexes: z.array(z.enum(SEXES)).min(1, 'a shelter accepts at least one sex'),
    ageMin: z.number().int().min(0).max(120),
    ageMax: z.number().int().min(0).max(120),
    capacity: z.number().int().min(0).max(10000),
    occupancy: z.number().int().min(0).max(10000).default(0),
  })
  .refine((s) => s.ageMin <= s.ageMax, { message: 'ageMin must not exceed ageMax', path: ['ageMax'] })
  .refine((s) => s.occupancy <= s.capacity, { message: 'occupancy cannot exceed capacity', path: ['occupancy'] });
export type ShelterProfile = z.infer<typeof shelterProfile>;

export const AGENCY_CODE_RE = /^[a-z0-9][a-z0-9-]{1,79}$/;

export const agencyBody = z
  .object({
    code: z.string().trim().toLowerCase().regex(AGENCY_CODE_RE, 'code: 2-80 of a-z 0-9 -'),
    name: z.string().trim().min(2, 'name is required').max(200).refine(isCleanText, CLEAN_TEXT_MESSAGE),
    type: z.enum(AGENCY_TYPES),
    parentAgencyId: rowId.nullable().default(null),
    coverage: z.array(unitRef).max(5000).default([]),
    services: z.array(z.enum(SUPPORT_REGIMES)).default([]),
    focalPhones: z.array(phoneNumber).max(10).default([]),
    calendar: workingCalendar.default({ mode: '24x7' }),
    shelter: shelterProfile.nullable().default(null),
    active: z.boolean().default(true),
    /** The days the agency exists, inclusive (district offices end on 30 June 2025); null: open-ended. */
    validFrom: isoDate('validFrom must be YYYY-MM-DD', 'planning').nullable().default(null),
    validTo: isoDate('validTo must be YYYY-MM-DD', 'planning').nullable().default(null),
    /** The unit the agency sits in: distances (the nearest shelter) are measured from its point. */
    seat: unitRef.nullable().default(null),
  })
  .superRefine((a, ctx) => {
    if (a.validFrom && a.validTo && a.validFrom > a.validTo)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must not be before validFrom' });
    if (a.type === 'shelter' && !a.shelter)
      ctx.addIssue({ code: 'custom', path: ['shelter'], message: 'a shelter needs its accepted sexes, ages and capacity' });
    if (a.type !== 'shelter' && a.shelter)
      ctx.addIssue({ code: 'custom', path: ['shelter'], message: 'only shelters have a shelter profile' });
  });
export type AgencyBody = z.infer<typeof agencyBody>;
export type AgencyInput = z.input<typeof agencyBody>;

export const agencyView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  type: z.enum(AGENCY_TYPES),
  parentAgencyId: z.number().nullable(),
  parentAgencyName: z.string().nullable(),
  coverage: z.array(unitRef.extend({ name: z.string(), level: z.string(), path: z.string() })),
  services: z.array(z.enum(SUPPORT_REGIMES)),
  focalPhones: z.array(z.string()),
  calendar: workingCalendar,
  shelter: shelterProfile.nullable(),
  active: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  seat: unitRef.extend({ path: z.string() }).nullable(),
});
export type AgencyView = z.infer<typeof agencyView>;
