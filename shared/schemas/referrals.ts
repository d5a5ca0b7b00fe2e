import { z } from 'zod';
import { SUPPORT_REGIMES } from '../agencies.js';
import { INBOX_TABS, OUTCOMES } from '../referrals.js';
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

/** base64url of "<0|1 urgent new>|<created_at with microseconds>|<id>": the last referral of the page before. */
const INBOX_CURSOR = /^[01]\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|\d{1,19}$/;

export interface InboxCursor {
  urgent: boolean;
  at: string;
  id: string;
}

export function encodeInboxCursor(c: InboxCursor): string {
  return btoa(`${c.urgent ? 1 : 0}|${c.at}|${c.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeInboxCursor(s: string): InboxCursor | null {
  try {
    const text = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    if (!INBOX_CURSOR.test(text)) return null;
    const [u, at, id] = text.split('|') as [string, string, string];
    return { urgent: u === '1', at, id };
  } catch {
    return null;
  }
}

export const INBOX_PAGE_MAX = 100;

/** GET /api/referrals/inbox: a tab, a page size, and the cursor the previous page gave as `next`. */
export const inboxQuery = z.object({
  tab: z.enum(INBOX_TABS).default('new'),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(50),
  after: z
    .string()
    .max(200)
    .transform((s, ctx) => decodeInboxCursor(s) ?? (ctx.addIssue({ code: 'custom', message: 'not a cursor this inbox gave' }), z.NEVER))
    .optional(),
});
