import { z } from 'zod';
import { SUPPORT_REGIMES } from '../agencies.js';
import { OUTCOMES } from '../referrals.js';

export const declineBody = z.object({ reason: z.string().trim().min(3, 'a reason is required to decline').max(1000) });

export const supportBody = z.object({
  regime: z.enum(SUPPORT_REGIMES),
  givenOn: z.iso.date('date must be YYYY-MM-DD'),
  note: z.string().trim().max(2000).default(''),
});
export type SupportBody = z.infer<typeof supportBody>;

export const closeBody = z
  .object({ outcome: z.enum(OUTCOMES), reason: z.string().trim().max(1000).nullable().default(null) })
  .superRefine((c, ctx) => {
    if (c.outcome === 'not_successful' && !c.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the referral was not successful' });
  });
export type CloseBody = z.infer<typeof closeBody>;

export const assignBody = z.object({
  agencyId: z.number().int().positive(),
  note: z.string().trim().max(1000).default(''),
});

export const shelterOccupancyBody = z.object({ occupancy: z.number().int().min(0).max(10_000) });

export const referralIdPayload = z.object({ referralId: z.number().int().positive() });
export const declinePayload = declineBody.extend({ referralId: z.number().int().positive() });
