import type { ContactMessage } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';

export async function insertMessage(
  db: Executor,
  m: { contactId: number; direction: 'in' | 'out'; twilioSid?: string | null; bodyEnc: string; status: string; sentBy?: number | null; at: Date },
): Promise<number | null> {
  const r = await db
    .insertInto('contact_messages')
    .values({
      contact_id: m.contactId,
      direction: m.direction,
      twilio_sid: m.twilioSid ?? null,
      body_enc: m.bodyEnc,
      status: m.status,
      sent_by: m.sentBy ?? null,
      created_at: m.at,
      updated_at: m.at,
    })
    .onConflict((oc) => oc.column('twilio_sid').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

function messageQuery(db: Executor) {
  return db
    .selectFrom('contact_messages as m')
    .leftJoin('users as u', 'u.id', 'm.sent_by')
    .select(['m.id', 'm.contact_id', 'm.direction', 'm.body_enc', 'm.status', 'm.created_at', 'u.display_name']);
}
type Row = Awaited<ReturnType<ReturnType<typeof messageQuery>['executeTakeFirstOrThrow']>>;

const toMessage = (crypto: FieldCrypto, r: Row): ContactMessage => ({
  id: r.id,
  direction: r.direction,
  body: crypto.decrypt(r.body_enc),
  status: r.status,
  at: new Date(r.created_at).toISOString(),
  sentBy: r.display_name,
});

export async function listMessages(db: Executor, crypto: FieldCrypto, contactId: number): Promise<ContactMessage[]> {
  const rows = await messageQuery(db).where('m.contact_id', '=', contactId).orderBy('m.id').limit(1000).execute();
  return rows.map((r) => toMessage(crypto, r));
}

export async function getMessage(db: Executor, crypto: FieldCrypto, id: number): Promise<(ContactMessage & { contactId: number }) | null> {
  const r = await messageQuery(db).where('m.id', '=', id).executeTakeFirst();
  return r ? { ...toMessage(crypto, r), contactId: r.contact_id } : null;
}

export async function setMessageStatus(db: Executor, id: number, status: string, at: Date, errorCode: string | null = null) {
  await db.updateTable('contact_messages').set({ status, error_code: errorCode, updated_at: at }).where('id', '=', id).execute();
}
