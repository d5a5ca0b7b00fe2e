import type { AppContext } from '../../app-context.js';
import type { NotificationToSend } from '../notifications/notifications.repo.js';
import { takeNewReferralCode } from './codes.js';
import { commandHint } from './replies.js';

/** Alerts to the agency holding the referral, which it can answer by SMS (an escalation goes to the parent, which cannot). */
const ANSWERABLE = ['referral_alert', 'sla_warning'];
const OPEN = ['pending', 'accepted', 'in_progress'];
const STAMPED = /\bNHAN \d{4,5}\b/;

export interface AlertText {
  text: string;
  /** Set when the text was stamped now: the code, until when it stays valid, and the text to store as sent. */
  stamped?: { code: { referralId: number; code: number; expiresAt: Date }; bodyEnc: string };
}

/**
 * The alert's text as sent: with the referral's short code and how to answer it, issued at sending time (off the
 * routing write's hot path). The code the referral already holds (read with the alert) is reused; a new one costs one
 * insert. The caller stores the text as sent with the outcome (setNotificationStatus), so the outbox shows it and a
 * retried send finds the code there and sends the same text.
 */
export async function withCommandCode(ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>, n: NotificationToSend): Promise<AlertText> {
  const text = ctx.crypto.decrypt(n.body_enc);
  if (!ANSWERABLE.includes(n.purpose) || n.referral_id == null || STAMPED.test(text)) return { text };
  if (!n.referral_status || !OPEN.includes(n.referral_status)) return { text };
  const now = ctx.clock.now();
  const referralId = Number(n.referral_id);
  const code = n.held_code ?? (await takeNewReferralCode(ctx.db, referralId, now, ctx.config.SMS_CODE_TTL_HOURS));
  const sent = `${text} ${commandHint(code)}`;
  const expiresAt = new Date(now.getTime() + ctx.config.SMS_CODE_TTL_HOURS * 3600_000);
  return { text: sent, stamped: { code: { referralId, code, expiresAt }, bodyEnc: ctx.crypto.encrypt(sent) } };
}
