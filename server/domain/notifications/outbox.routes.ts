import { z } from 'zod';
import { INT4_MAX } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { validate } from '../../http/validate.js';
import { outboxReason } from './sms-sender.js';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
});

/**
 * Outbound messages and their delivery state, for the supervisor: what went to Twilio, what waits in the local
 * outbox, what failed. Numbers are masked; a text is shown only for agency alerts (which carry no victim data),
 * never for replies in a victim's conversation.
 */
export function outboxRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/supervisor/notifications', only('supervisor'), validate({ query: pageQuery }), async (req, res) => {
      const q = req.query as unknown as z.infer<typeof pageQuery>;
      const total = ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const rows = await ctx.db
        .selectFrom('notifications as n')
        .leftJoin('referrals as r', 'r.id', 'n.referral_id')
        .leftJoin('agencies as a', 'a.id', 'r.agency_id')
        .select(['n.id', 'n.purpose', 'n.channel', 'n.to_masked', 'n.status', 'n.attempts', 'n.last_error', 'n.created_at', 'n.updated_at', 'n.body_enc', 'n.referral_id', 'a.name as agency_name'])
        .orderBy('n.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      res.json({
        total: Number((await total).n),
        limit: q.limit,
        offset: q.offset,
        /** Why messages stay in the local outbox (a code the console labels), or null when they go to Twilio. */
        outboxReason: outboxReason(ctx.config),
        notifications: rows.map((n) => ({
          id: n.id,
          purpose: n.purpose,
          channel: n.channel,
          to: n.to_masked,
          agency: n.agency_name,
          referralId: n.referral_id,
          status: n.status,
          attempts: n.attempts,
          lastError: n.last_error,
          createdAt: new Date(n.created_at).toISOString(),
          updatedAt: new Date(n.updated_at).toISOString(),
          // Alerts and answers to SMS commands carry a reference and a code only; other texts (replies to callers) stay private.
          text: n.purpose === 'referral_alert' || n.purpose === 'command_reply' ? ctx.crypto.decrypt(n.body_enc) : null,
        })),
      });
    }),
  ];
}
