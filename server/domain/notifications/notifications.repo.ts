import type { Executor } from '../../db/database.js';
import type { NotificationStatus } from '../../db/schema.js';

export interface NewNotification {
  purpose: string;
  channel: 'sms' | 'whatsapp';
  toEnc: string;
  toMasked: string;
  bodyEnc: string;
  contactMessageId?: number | null;
  referralId?: number | null;
  at: Date;
}

export async function insertNotification(db: Executor, n: NewNotification): Promise<number> {
  const r = await db
    .insertInto('notifications')
    .values({
      purpose: n.purpose,
      channel: n.channel,
      to_enc: n.toEnc,
      to_masked: n.toMasked,
      body_enc: n.bodyEnc,
      contact_message_id: n.contactMessageId ?? null,
      referral_id: n.referralId ?? null,
      created_at: n.at,
      updated_at: n.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A notification about to be sent, in one read: with its referral's status and the SMS code the referral holds now
 * (the alert's text carries it: sms-commands/alert-code.ts), so sending needs no further read.
 */
export async function getNotificationToSend(db: Executor, id: number, now: Date) {
  return db.selectFrom('notifications as n')
    .leftJoin('referrals as r', 'r.id', 'n.referral_id')
    .selectAll('n')
    .select('r.status as referral_status')
    .select((eb) => eb.selectFrom('referral_sms_codes as k').select('k.code')
      .whereRef('k.referral_id', '=', 'n.referral_id').where('k.expires_at', '>', now)
      .orderBy('k.expires_at', 'desc').limit(1).as('held_code'))
    .where('n.id', '=', id)
    .executeTakeFirst();
}
export type NotificationToSend = NonNullable<Awaited<ReturnType<typeof getNotificationToSend>>>;

export interface SendOutcome {
  status: NotificationStatus;
  providerSid?: string | null;
  error?: string | null;
  at: Date;
  attempt?: boolean;
  /** The text as sent (with its SMS code), stored so the outbox shows what went out. */
  bodyEnc?: string;
  /** The referral's SMS code the text carried: it stays valid until this time. */
  code?: { referralId: number; code: number; expiresAt: Date };
}

/** The outcome of a send, in one statement: status, attempts, the text as sent, and the code's extended validity. */
export async function setNotificationStatus(db: Executor, id: number, s: SendOutcome) {
  const update = db
    .updateTable('notifications')
    .set((eb) => ({
      status: s.status,
      updated_at: s.at,
      ...(s.providerSid !== undefined && { provider_sid: s.providerSid }),
      ...(s.error !== undefined && { last_error: s.error }),
      ...(s.attempt && { attempts: eb('attempts', '+', 1) }),
      ...(s.bodyEnc !== undefined && { body_enc: s.bodyEnc }),
    }))
    .where('id', '=', id);
  if (!s.code) return void (await update.execute());
  const { referralId, code, expiresAt } = s.code;
  await db.with('n', () => update.returning('id'))
    .updateTable('referral_sms_codes').set({ expires_at: expiresAt })
    .where('code', '=', code).where('referral_id', '=', referralId).where('expires_at', '<', expiresAt)
    .execute();
}

/** Twilio's delivery callback: the status of whatever we sent with that sid. */
export async function setStatusByProviderSid(db: Executor, sid: string, status: NotificationStatus, error: string | null, at: Date) {
  return db
    .updateTable('notifications')
    .set({ status, last_error: error, updated_at: at })
    .where('provider_sid', '=', sid)
    .returning(['id', 'contact_message_id'])
    .executeTakeFirst();
}
