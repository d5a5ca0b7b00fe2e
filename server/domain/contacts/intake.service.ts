import { sql } from 'kysely';
import type { CallStatus, ContactDetail, ContactMessage, ManualIntakeBody, SessionUser } from '../../../shared/index.js';
import { CALL_STATUSES } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { ForbiddenError } from '../errors.js';
import { maskPhone } from '../crypto/field-crypto.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactEvents } from './contact-events.js';
import { groupCommit } from '../../db/group-commit.js';
import { toSummary } from './contacts.repo.js';
import { detailFrom } from './contact-detail.js';
import { earlierFromJson, insertManualContacts, type ManualContactWrite } from './manual-intake-write.js';
import { insertCalls, receiveInboundMessages, type InboundCall, type InboundMessage } from './intake-writes.js';

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

  // Webhooks that arrive together are stored together: one statement per batch, a batch at most every 10 ms in a
  // burst (see group-commit.ts). Measured here, a call stored alone costs PostgreSQL ~500 µs and a message ~1.2 ms;
  // in batches of 20, 55 µs and 175 µs. Two batches may run at once, so a slow one never stalls intake.
  const batching = { maxBatch: 200, maxInFlight: 2, minIntervalMs: 10 };
  const storeCall = groupCommit((calls: InboundCall[]) => insertCalls(db, calls), batching);
  const storeMessage = groupCommit((messages: InboundMessage[]) => receiveInboundMessages(db, messages), {
    ...batching,
    keyOf: (m) => (m.phoneHash ? `${m.channel}:${m.phoneHash}` : null),
  });
  // Contacts logged by hand, the same way: two from one number never share a statement (each must see the other as earlier).
  const storeManual = groupCommit((ws: ManualContactWrite[]) => insertManualContacts(db, ws), { ...batching, keyOf: (w) => w.phoneHash });

  return {
    /** A Twilio voice webhook; a retry with the same CallSid changes nothing. */
    async receiveCall(p: { callSid: string; from?: string; callStatus?: string; training?: boolean }): Promise<{ id: number | null; duplicate: boolean }> {
      const summary = await storeCall({
        twilioSid: p.callSid,
        ...caller(normalisePhone(p.from)),
        receivedAt: clock.now(),
        callStatus: asCallStatus(p.callStatus) ?? 'ringing',
        training: p.training ?? false,
      });
      if (summary == null) return { id: null, duplicate: true };
      events.announce(summary, true);
      return { id: summary.id, duplicate: false };
    },

    /** A call's status from Twilio: a final status, once recorded, is never replaced by a late earlier one. */
    async updateCallStatus(p: { callSid: string; callStatus?: string }) {
      const status = asCallStatus(p.callStatus);
      if (!status) return null;
      const now = clock.now();
      const row = await db
        .updateTable('contacts')
        .set((eb) => ({
          call_status: sql<string>`case when call_status = any(${TERMINAL}::text[]) then call_status else ${status} end`,
          ...(TERMINAL.includes(status) && { ended_at: eb.fn.coalesce('ended_at', eb.val(now)) }),
        }))
        .where('twilio_sid', '=', p.callSid)
        .returning('id')
        .executeTakeFirst();
      if (row) await events.updated(row.id);
      return row?.id ?? null;
    },

    /** An SMS/WhatsApp message: joins the sender's open conversation or opens one. A retried MessageSid changes nothing. */
    async receiveMessage(p: { messageSid: string; from?: string; body?: string; channel: 'sms' | 'whatsapp' }) {
      const now = clock.now();
      const body = p.body ?? '';
      const result = await storeMessage({
        channel: p.channel,
        ...caller(normalisePhone(p.from)),
        receivedAt: now,
        twilioSid: p.messageSid,
        bodyEnc: crypto.encrypt(body),
      });
      if (!result) return { duplicate: true as const };
      const { summary, messageId, created } = result;
      events.announce(summary, created);
      const message: ContactMessage = { id: messageId, direction: 'in', body, status: 'received', at: now.toISOString(), sentBy: null };
      events.message(summary.id, summary.claimedBy?.id ?? null, message);
      return { duplicate: false as const, contactId: summary.id };
    },

    /**
     * Contacts that reach the hotline outside Twilio: walk-in, Zalo, App 111, Facebook, email, web chat. One statement
     * writes the contact, its draft, its claim and the audit entry and hands back everything the answer shows: the
     * creator's own first look at what they just typed is not a second audited view. Contacts logged at the same
     * moment share that statement (group commit, as the webhooks do).
     */
    async manualIntake(body: ManualIntakeBody, user: SessionUser, origin: RequestOrigin): Promise<ContactDetail> {
      // The answer is the contact itself, which an operator may read only while handling it: an operator who does
      // not claim it would store a contact (and retry, duplicating it) only to be refused its record.
      if (!body.claim && user.role !== 'supervisor')
        throw new ForbiddenError('an operator claims the contact they log (claim: true); a supervisor may log one for the queue', { claim: 'must be true for an operator' });
      const now = clock.now();
      const row = await storeManual({
        channel: body.channel,
        ...caller(body.callerPhone),
        handleEnc: crypto.encryptNullable(body.callerHandle),
        draftEnc: body.summary ? crypto.encrypt(JSON.stringify({ narrative: body.summary })) : null,
        receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
        createdBy: user.id,
        claimedAt: body.claim ? now : null,
        audit: { actorUserId: user.id, actorRole: user.role, action: 'contact.manual_intake', ...origin, details: { channel: body.channel } },
      });
      const summary = toSummary(row);
      events.announce(summary, true);
      return detailFrom(crypto, row, { summary, wrapUp: null, messages: [], earlierContacts: earlierFromJson(row.earlier) });
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
