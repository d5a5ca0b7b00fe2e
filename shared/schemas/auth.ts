import { z } from 'zod';
import { ROLES } from '../roles.js';
import { CLEAN_TEXT_MESSAGE, isCleanText } from './limits.js';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'username is required').max(64).refine(isCleanText, CLEAN_TEXT_MESSAGE),
  password: z.string().min(1, 'password is required').max(256).refine(isCleanText, CLEAN_TEXT_MESSAGE),
});
export type LoginBody = z.infer<typeof loginBody>;

export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  agencyId: z.number().int().nullable(),
  agencyName: z.string().nullable(),
  locale: z.enum(['vi', 'en']),
});
export type SessionUser = z.infer<typeof sessionUser>;
