import { z } from 'zod';
import { SUPPORT_REGIMES } from '../agencies.js';
import { OUTCOMES } from '../referrals.js';
import { CLEAN_TEXT_MESSAGE, isCleanText, isoDate, rowId, trimmedText } from './limits.js';

export const declineBody = z.object({
  reason: z.string().trim().min(3, 'a reason is required to decline').max(1000).refine(isCleanText, CLEAN_TEXT_MESSAGE),
});

export const supportBody = z.object({
  regime: z.enum(SUPPORT_REGIMES),
  givenOn: isoDate('date must be YYYY-MM-DD'),
  note: trimmedText(2000).default(''),
});
export type SupportBody = z.infer<typeof supportBody>;

export const closeBody = z
  .object({ outcome: z.enum(OUTCOMES), reason: trimmedText(1000).nullable().default(null) })
  .superRefine((c, ctx) => {
    if (c.outcome === 'not_successful' && !c.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the referral was not successful' });
  });
export type CloseBody = z.infer<typeof closeBody>;

export const assignBody = z.object({
  agencyId: rowId,
  note: trimmedText(1000).default(''),
});

export const shelterOccupancyBody = z.object({ occupancy: z.number().int().min(0).max(10_000) });

export const referralIdPayload = z.object({ referralId: rowId });
export const declinePayload = declineBody.extend({ referralId: rowId });
