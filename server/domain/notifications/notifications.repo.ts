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

export async function getNotification(db: Executor, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setNotificationStatus(
  db: Executor,
  id: number,
  s: { status: NotificationStatus; providerSid?: string | null; error?: string | null; at: Date; attempt?: boolean },
) {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: s.status,
      updated_at: s.at,
      ...(s.providerSid !== undefined && { provider_sid: s.providerSid }),
      ...(s.error !== undefined && { last_error: s.error }),
      ...(s.attempt && { attempts: eb('attempts', '+', 1) }),
    }))
    .where('id', '=', id)
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
