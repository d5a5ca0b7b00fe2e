import type { CallStatus, ContactMessage, ManualIntakeBody, SessionUser } from '../../../shared/index.js';
import { CALL_STATUSES } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import { maskPhone } from '../crypto/field-crypto.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactEvents } from './contact-events.js';
import { addInboundMessage, claimContact, insertContact, insertContactReturningSummary, openConversation } from './contacts.repo.js';

/** Thrown inside the message transaction to roll back a retried MessageSid. */
const RETRY = Symbol('webhook retry');

const TERMINAL: readonly string[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];
const asCallStatus = (s: string | undefined): CallStatus | null =>
  (CALL_STATUSES as readonly string[]).includes(s ?? '') ? (s as CallStatus) : null;

/** Twilio numbers arrive as E.164 ("+84…") or "whatsapp:+84…"; "anonymous"/empty means a withheld number. */
export function normalisePhone(raw: string | undefined | null): string | null {
  const s = (raw ?? '').replace(/^whatsapp:/, '').trim();
  return /^\+?[0-9]{6,15}$/.test(s) ? (s.startsWith('+') ? s : `+${s}`) : null;
}

/** Calls and messages entering the hotline: stored first (idempotently), then announced to every console. */
export function createIntakeService(ctx: Pick<AppContext, 'db' | 'realtime' | 'crypto' | 'clock'>) {
  const { db, crypto, clock } = ctx;
  const events = contactEvents(ctx);
  const caller = (phone: string | null) => ({
    phoneEnc: crypto.encryptNullable(phone),
    phoneHash: phone ? crypto.lookupHash(phone) : null,
    masked: maskPhone(phone),
  });

  return {
    /** A Twilio voice webhook; a retry with the same CallSid changes nothing. */
    async receiveCall(p: { callSid: string; from?: string; callStatus?: string }): Promise<{ id: number | null; duplicate: boolean }> {
      const summary = await insertContactReturningSummary(db, {
        channel: 'voice',
        twilioSid: p.callSid,
        ...caller(normalisePhone(p.from)),
        receivedAt: clock.now(),
        callStatus: asCallStatus(p.callStatus) ?? 'ringing',
      });
      if (summary == null) return { id: null, duplicate: true };
      events.announce(summary, true);
      return { id: summary.id, duplicate: false };
    },

    async updateCallStatus(p: { callSid: string; callStatus?: string; duration?: number | null; recordingUrl?: string | null }) {
      const status = asCallStatus(p.callStatus);
      const now = clock.now();
      const row = await db
        .updateTable('contacts')
        .set((eb) => ({
          ...(status && { call_status: status }),
          ...(status && TERMINAL.includes(status) && { ended_at: eb.fn.coalesce('ended_at', eb.val(now)) }),
          ...(p.duration != null && { duration_seconds: p.duration }),
          ...(p.recordingUrl && { recording_url: p.recordingUrl }),
        }))
        .where('twilio_sid', '=', p.callSid)
        .returning('id')
        .executeTakeFirst();
      if (row) await events.updated(row.id);
      return row?.id ?? null;
    },

    /**
     * An SMS/WhatsApp message: joins the sender's open conversation or opens one. A retried MessageSid changes
     * nothing (the transaction rolls back, so not even a conversation is opened for it).
     */
    async receiveMessage(p: { messageSid: string; from?: string; body?: string; channel: 'sms' | 'whatsapp' }) {
      const phone = normalisePhone(p.from);
      const now = clock.now();
      const c = caller(phone);
      const body = p.body ?? '';
      const result = await db
        .transaction()
        .execute(async (tx) => {
          const conv = phone
            ? await openConversation(tx, { channel: p.channel, ...c, phoneHash: c.phoneHash!, receivedAt: now })
            : { id: (await insertContact(tx, { channel: p.channel, ...c, receivedAt: now }))!, created: true };
          const added = await addInboundMessage(tx, { contactId: conv.id, twilioSid: p.messageSid, bodyEnc: crypto.encrypt(body), at: now });
          if (!added) throw RETRY;
          return { ...added, created: conv.created };
        })
        .catch((err: unknown) => {
          if (err === RETRY) return null;
          throw err;
        });
      if (!result) return { duplicate: true as const };
      const { summary, messageId, created } = result;
      events.announce(summary, created);
      const message: ContactMessage = { id: messageId, direction: 'in', body, status: 'received', at: now.toISOString(), sentBy: null };
      events.message(summary.id, summary.claimedBy?.id ?? null, message);
      return { duplicate: false as const, contactId: summary.id };
    },

    /** Contacts that reach the hotline outside Twilio: walk-in, Zalo, App 111, Facebook, email, web chat. */
    async manualIntake(body: ManualIntakeBody, user: SessionUser, origin: RequestOrigin): Promise<number> {
      const now = clock.now();
      const id = await db.transaction().execute(async (tx) => {
        const id = (await insertContact(tx, {
          channel: body.channel,
          ...caller(body.callerPhone),
          handleEnc: crypto.encryptNullable(body.callerHandle),
          receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
          createdBy: user.id,
        }))!;
        if (body.summary) {
          await tx.updateTable('contacts').set({ draft_enc: crypto.encrypt(JSON.stringify({ narrative: body.summary })) }).where('id', '=', id).execute();
        }
        if (body.claim) await claimContact(tx, id, user.id, now);
        await writeAudit(tx, { actorUserId: user.id, actorRole: user.role, action: 'contact.manual_intake', entityType: 'contact', entityId: id, ...origin, details: { channel: body.channel } });
        return id;
      });
      await events.created(id);
      return id;
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
