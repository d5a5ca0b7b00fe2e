import { JOB_IDS, REPLYABLE_CHANNELS, type ContactMessage } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { decide } from '../disclosure/disclosure.js';
import { contactFacts } from '../disclosure/grants.js';
import { insertNotification } from '../notifications/notifications.repo.js';
import { contactEvents } from './contact-events.js';
import { getContactRow } from './contacts.repo.js';
import { getMessage, insertMessage } from './messages.repo.js';
import type { Actor } from './triage.service.js';

/** Replies from the console to an SMS/WhatsApp conversation: stored, then sent by the notify worker (Twilio or the local outbox). */
export function createMessagingService(ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'queues' | 'realtime' | 'log'>) {
  const { db, crypto, clock } = ctx;
  const events = contactEvents(ctx);
  return {
    async reply(contactId: number, body: string, actor: Actor): Promise<ContactMessage> {
      const row = await getContactRow(db, contactId);
      if (!row) throw new NotFoundError('no such contact');
      if (row.claimed_by !== actor.user.id || row.status !== 'in_progress') throw new ConflictError('claim this conversation to reply');
      if (!(REPLYABLE_CHANNELS as readonly string[]).includes(row.channel) || !row.caller_phone_enc)
        throw new ValidationError('this contact cannot be answered by message', { contactId: 'not an SMS/WhatsApp conversation with a known number' });
      const now = clock.now();
      const { messageId, notificationId } = await db.transaction().execute(async (tx) => {
        const bodyEnc = crypto.encrypt(body);
        const messageId = (await insertMessage(tx, { contactId, direction: 'out', bodyEnc, status: 'queued', sentBy: actor.user.id, at: now }))!;
        const notificationId = await insertNotification(tx, {
          purpose: 'contact_reply', channel: row.channel as 'sms' | 'whatsapp', toEnc: row.caller_phone_enc!, toMasked: row.caller_masked ?? '••••',
          bodyEnc, contactMessageId: messageId, at: now,
        });
        await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action: 'contact.reply', entityType: 'contact', entityId: contactId, ...actor.origin, details: { messageId } });
        return { messageId, notificationId };
      });
      // If Redis is down now, the scheduled relay picks the queued notification up later.
      await ctx.queues.notify
        .add('send', { notificationId }, { jobId: JOB_IDS.notify(notificationId, now) })
        .catch((e) => ctx.log.warn(`notification ${notificationId} enqueue deferred: ${(e as Error).message}`));
      const message = (await getMessage(db, crypto, messageId))!;
      events.message(contactId, actor.user.id, message);
      return message;
    },

    /** The text of one message, for whoever may see the contact (live events announce messages without it). */
    async read(contactId: number, messageId: number, actor: Actor): Promise<ContactMessage> {
      const facts = await contactFacts(db, contactId, actor.user);
      if (!facts) throw new NotFoundError('no such contact');
      if (decide(actor.user, facts) !== 'disclose') throw new ForbiddenError('claim this contact to see it');
      const m = await getMessage(db, crypto, messageId);
      if (!m || m.contactId !== contactId) throw new NotFoundError('no such message in this contact');
      await writeAudit(db, { actorUserId: actor.user.id, actorRole: actor.user.role, action: 'contact.message.view', entityType: 'contact', entityId: contactId, ...actor.origin, details: { messageId } });
      const { contactId: _c, ...message } = m;
      return message;
    },
  };
}
