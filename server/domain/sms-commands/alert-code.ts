import type { AppContext } from '../../app-context.js';
import { issueReferralCode } from './codes.js';
import { commandHint } from './replies.js';

/** Alerts to the agency holding the referral, which it can answer by SMS (an escalation goes to the parent, which cannot). */
const ANSWERABLE = ['referral_alert', 'sla_warning'];
const OPEN = ['pending', 'accepted', 'in_progress'];

/**
 * The alert's text as sent: with the referral's short code and how to answer it, issued at sending time (off the
 * routing write's hot path). The stored text is updated to what was sent, so the outbox shows it; a retried send
 * finds the code already there and sends the same text.
 */
export async function withCommandCode(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  n: { id: number; purpose: string; referral_id: number | null; body_enc: string },
): Promise<string> {
  const text = ctx.crypto.decrypt(n.body_enc);
  if (!ANSWERABLE.includes(n.purpose) || n.referral_id == null || /\bNHAN \d{4,5}\b/.test(text)) return text;
  const referral = await ctx.db.selectFrom('referrals').select('status').where('id', '=', n.referral_id).executeTakeFirst();
  if (!referral || !OPEN.includes(referral.status)) return text;
  const code = await issueReferralCode(ctx.db, Number(n.referral_id), ctx.clock.now(), ctx.config.SMS_CODE_TTL_HOURS);
  const sent = `${text} ${commandHint(code)}`;
  await ctx.db.updateTable('notifications').set({ body_enc: ctx.crypto.encrypt(sent) }).where('id', '=', n.id).execute();
  return sent;
}
