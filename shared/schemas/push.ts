import { z } from 'zod';
import { CLEAN_TEXT_MESSAGE, isCleanText } from './limits.js';

const base64url = (max: number) => z.string().regex(/^[A-Za-z0-9_-]+=*$/, 'must be URL-safe base64').max(max);

/**
 * A browser's PushSubscription as `subscription.toJSON()` gives it. The endpoint is the push service's URL: https
 * only (`allowHttp` for a local recorder in tests).
 */
export const pushSubscriptionBody = (allowHttp = false) =>
  z.object({
    endpoint: z.url({ protocol: allowHttp ? /^https?$/ : /^https$/, error: allowHttp ? 'must be an http(s) URL' : 'must be an https URL' }).max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url(200).min(80, 'too short'), auth: base64url(60).min(16, 'too short') }),
  });
export type PushSubscriptionBody = z.infer<ReturnType<typeof pushSubscriptionBody>>;

export const pushUnsubscribeBody = z.object({ endpoint: z.string().min(1).max(2048).refine(isCleanText, CLEAN_TEXT_MESSAGE) });

/** What a push carries: a case reference and a deadline. Nothing about anyone. */
export interface PushPayload {
  ref: string;
  deadline: string | null;
}
