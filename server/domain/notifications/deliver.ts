import { ROOMS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { getMessage, setMessageStatus } from '../contacts/messages.repo.js';
import { messageNotice } from '../contacts/contact-events.js';
import { notificationsChanged } from './notification-events.js';
import { getNotificationToSend, setNotificationStatus } from './notifications.repo.js';
import { PermanentSendError, type SmsSender } from './sms-sender.js';
import { withCommandCode } from '../sms-commands/alert-code.js';

/**
 * Sends one queued notification. Idempotent: anything no longer queued was handled by an earlier attempt.
 * Logs carry ids and a masked number only, never the text.
 */
export async function deliverNotification(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'log' | 'realtime' | 'config'>,
  sender: SmsSender,
  id: number,
  opts: { finalAttempt?: boolean } = {},
): Promise<'sent' | 'outbox' | 'skipped'> {
  const n = await getNotificationToSend(ctx.db, id, ctx.clock.now());
  if (!n || n.status !== 'queued') return 'skipped';
  const now = () => ctx.clock.now();
  const alert = await withCommandCode(ctx, n);
  let result;
  try {
    result = await sender.send({ channel: n.channel, to: ctx.crypto.decrypt(n.to_enc), body: alert.text });
  } catch (err) {
    // Given up on: permanent refusal, or the last retry. It stays visible as failed, never silently dropped.
    const permanent = err instanceof PermanentSendError || !!opts.finalAttempt;
    await setNotificationStatus(ctx.db, id, { status: permanent ? 'failed' : 'queued', error: (err as Error).message.slice(0, 300), at: now(), attempt: true, ...alert.stamped });
    if (permanent) await syncMessage(ctx, n.contact_message_id, 'failed');
    notificationsChanged(ctx, [id]);
    throw err;
  }
  const status = result.provider === 'twilio' ? 'sent' : 'outbox';
  await setNotificationStatus(ctx.db, id, { status, providerSid: result.sid, error: null, at: now(), attempt: true, ...alert.stamped });
  await syncMessage(ctx, n.contact_message_id, status);
  notificationsChanged(ctx, [id]);
  // Ids only: not even the masked number (the supervisor's outbox panel shows it).
  if (status === 'outbox') ctx.log.info({ notificationId: id, channel: n.channel, purpose: n.purpose }, '[outbox] notification held in the local outbox');
  return status;
}

/** Mirrors a notification's status onto the conversation message it carries, and tells the handling operator. */
export async function syncMessage(ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'realtime'>, messageId: number | null, status: string) {
  if (messageId == null) return;
  await setMessageStatus(ctx.db, messageId, status, ctx.clock.now());
  const m = await getMessage(ctx.db, ctx.crypto, messageId);
  if (!m) return;
  const c = await ctx.db.selectFrom('contacts').select(['claimed_by', 'closed_by']).where('id', '=', m.contactId).executeTakeFirst();
  const handler = c?.claimed_by ?? c?.closed_by;
  if (handler != null) ctx.realtime.emit(ROOMS.user(handler), 'message:updated', { contactId: m.contactId, message: messageNotice(m) });
}
