import { z } from 'zod';
import { CALLBACK_OUTCOMES, SETTABLE_STATUSES, VOICE_DEVICES } from '../voice.js';

const id = z.number().int().positive().max(2_147_483_647);

export const operatorStatusPayload = z.object({ status: z.enum(SETTABLE_STATUSES) });
export const offerIdPayload = z.object({ offerId: id });
export const holdPayload = z.object({ contactId: id, hold: z.boolean() });
export const callbackOutcomePayload = z.object({ attemptId: id, outcome: z.enum(CALLBACK_OUTCOMES) });

/** POST /api/training/calls: a simulated inbound call of the training line, from a number or a withheld one. */
export const trainingCallBody = z.object({
  from: z.string().trim().regex(/^\+[1-9]\d{7,14}$/, 'from must look like +84912345678').optional(),
});

/** Where an operator takes calls (the admin user form): the softphone, a desk phone (E.164) or a SIP address. */
export const voiceEndpointBody = z
  .object({
    voiceDevice: z.enum(VOICE_DEVICES).default('softphone'),
    voiceAddress: z.string().trim().max(200).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.voiceDevice === 'phone' && !/^\+[1-9]\d{7,14}$/.test(v.voiceAddress ?? ''))
      ctx.addIssue({ code: 'custom', path: ['voiceAddress'], message: 'a desk phone needs its number, like +84241234567' });
    if (v.voiceDevice === 'sip' && !/^sip:[^\s@]+@[^\s@]+$/.test(v.voiceAddress ?? ''))
      ctx.addIssue({ code: 'custom', path: ['voiceAddress'], message: 'a SIP address looks like sip:agent7@pbx.example.vn' });
  });

/** GET /api/supervisor/callbacks: open ones (default) or finished ones, paged. */
export const callbacksQuery = z.object({
  status: z.enum(['open', 'closed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
