import { z } from 'zod';
import type { Role } from '../roles.js';
import { CALLBACK_OUTCOMES, SETTABLE_STATUSES, VOICE_DEVICES, type VoiceDevice } from '../voice.js';
import { trimmedText } from './limits.js';

const id = z.number().int().positive().max(2_147_483_647);

export const operatorStatusPayload = z.object({ status: z.enum(SETTABLE_STATUSES) });
export const offerIdPayload = z.object({ offerId: id });
export const holdPayload = z.object({ contactId: id, hold: z.boolean() });
export const callbackOutcomePayload = z.object({ attemptId: id, outcome: z.enum(CALLBACK_OUTCOMES) });

/** POST /api/training/calls: a simulated inbound call of the training line, from a number or a withheld one. */
export const trainingCallBody = z.object({
  from: z.string().trim().regex(/^\+[1-9]\d{7,14}$/, 'from must look like +84912345678').optional(),
});

/** The roles that take calls, and so have somewhere calls ring; agency officers and admins stay on the softphone default. */
export const CALL_TAKING_ROLES = ['operator', 'supervisor'] as const satisfies readonly Role[];
export const takesCalls = (role: unknown) => (CALL_TAKING_ROLES as readonly unknown[]).includes(role);

/** Where an operator takes calls (the admin user form): the softphone, a desk phone (E.164) or a SIP address. */
export const voiceEndpointFields = {
  voiceDevice: z.enum(VOICE_DEVICES).default('softphone'),
  voiceAddress: trimmedText(200).nullable().default(null),
};

export function voiceEndpointRules(v: { voiceDevice?: VoiceDevice; voiceAddress?: string | null }, ctx: z.RefinementCtx) {
  if (v.voiceDevice === 'phone' && !/^\+[1-9]\d{7,14}$/.test(v.voiceAddress ?? ''))
    ctx.addIssue({ code: 'custom', path: ['voiceAddress'], message: 'a desk phone needs its number, like +84241234567' });
  if (v.voiceDevice === 'sip' && !/^sip:[^\s@]+@[^\s@]+$/.test(v.voiceAddress ?? ''))
    ctx.addIssue({ code: 'custom', path: ['voiceAddress'], message: 'a SIP address looks like sip:agent7@pbx.example.vn' });
}

export const voiceEndpointBody = z.object(voiceEndpointFields).superRefine(voiceEndpointRules);

/** GET /api/supervisor/callbacks: open ones (default) or finished ones, paged. */
export const callbacksQuery = z.object({
  status: z.enum(['open', 'closed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
