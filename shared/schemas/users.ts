import { z } from 'zod';
import { ROLES } from '../roles.js';
import { VOICE_DEVICES } from '../voice.js';
import { CLEAN_TEXT_MESSAGE, isCleanText, rowId, trimmedText } from './limits.js';
import { takesCalls, voiceEndpointFields, voiceEndpointRules } from './voice.js';

export const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;

const userFields = {
  displayName: z.string().trim().min(1, 'display name is required').max(120).refine(isCleanText, CLEAN_TEXT_MESSAGE),
  role: z.enum(ROLES),
  agencyId: rowId.nullable().default(null),
  phone: trimmedText(20).nullable().default(null),
  locale: z.enum(['vi', 'en']).default('vi'),
  /** Where calls ring. Like phone and locale, replaced whole on update: left out, the user is back on the softphone. */
  ...voiceEndpointFields,
};

/** An agency officer belongs to exactly one agency; other roles to none. */
function agencyMatchesRole(v: { role: string; agencyId: number | null }, ctx: z.RefinementCtx) {
  if (v.role === 'agency_officer' && v.agencyId == null)
    ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'an agency officer must belong to an agency' });
  if (v.role !== 'agency_officer' && v.agencyId != null)
    ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'only agency officers belong to an agency' });
}

/**
 * Only operators and supervisors take calls. An agency officer or admin given a desk phone or SIP device is refused
 * (400 naming voiceDevice) rather than silently reset, so the admin sees the endpoint will not be used.
 */
function voiceMatchesRole(v: { role: string; voiceDevice: string }, ctx: z.RefinementCtx) {
  if (v.role && !takesCalls(v.role) && v.voiceDevice && v.voiceDevice !== 'softphone')
    ctx.addIssue({ code: 'custom', path: ['voiceDevice'], message: 'only operators and supervisors take calls on a phone or SIP device' });
}

function userRules(v: z.output<z.ZodObject<typeof userFields>>, ctx: z.RefinementCtx) {
  agencyMatchesRole(v, ctx);
  voiceEndpointRules(v, ctx);
  voiceMatchesRole(v, ctx);
}

/** Length here (the console checks it as you type); the server also refuses common passwords (server/domain/auth/password-policy.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, 'password must have at least 12 characters')
  .max(256)
  .refine(isCleanText, CLEAN_TEXT_MESSAGE);

export const createUserBody = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME_RE, 'username: 3-64 of a-z 0-9 . _ -'),
    password,
    ...userFields,
  })
  .superRefine(userRules);
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    ...userFields,
    /** Absent: the account stays as it is (an edit must never re-enable a disabled account by omission). */
    active: z.boolean().optional(),
    password: password.optional(),
  })
  .superRefine(userRules);
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.enum(['vi', 'en']),
  voiceDevice: z.enum(VOICE_DEVICES),
  voiceAddress: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userView>;
