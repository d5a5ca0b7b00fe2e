import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import type { Sent } from './load.js';
import { eventKey } from './stats.js';

export interface Stored {
  /** Accepted (200) webhooks whose contact or message is not in PostgreSQL. */
  lostContacts: number;
  newContacts: number;
  messages: number;
  /** What each console must have heard, and when the webhook behind it was sent. */
  keys: Float64Array;
  sentAt: Float64Array;
}

/**
 * Reads back what the step's accepted webhooks stored: each CallSid's contact, and each MessageSid's message with its
 * place in the conversation (k-th inbound message → the console event that carries unreadMessages = k; nobody claims
 * during the benchmark, so unread counts are never reset).
 */
export async function storedForStep(db: Database, sent: Sent[]): Promise<Stored> {
  const voice = sent.filter((s) => s.ok && s.kind === 'voice');
  const sms = sent.filter((s) => s.ok && s.kind === 'sms');
  const calls = await sql<{ id: number; twilio_sid: string }>`
    select id, twilio_sid from contacts where twilio_sid = any(${voice.map((s) => s.sid)}::text[])`.execute(db);
  const msgs = await sql<{ twilio_sid: string; contact_id: number; k: number }>`
    select twilio_sid, contact_id, k::int from (
      select twilio_sid, contact_id, row_number() over (partition by contact_id order by id) as k
      from contact_messages where direction = 'in' and contact_id in (select contact_id from contact_messages where twilio_sid = any(${sms.map((s) => s.sid)}::text[]))
    ) m where twilio_sid = any(${sms.map((s) => s.sid)}::text[])`.execute(db);

  const callBySid = new Map(calls.rows.map((r) => [r.twilio_sid, Number(r.id)]));
  const msgBySid = new Map(msgs.rows.map((r) => [r.twilio_sid, r]));
  const keys: number[] = [];
  const sentAt: number[] = [];
  let lostContacts = 0, newContacts = 0;
  for (const s of voice) {
    const id = callBySid.get(s.sid);
    if (id == null) { lostContacts++; continue; }
    keys.push(eventKey(id, 0));
    sentAt.push(s.sentAt);
    newContacts++;
  }
  for (const s of sms) {
    const m = msgBySid.get(s.sid);
    if (!m) { lostContacts++; continue; }
    keys.push(eventKey(Number(m.contact_id), m.k));
    sentAt.push(s.sentAt);
    if (m.k === 1) newContacts++;
  }
  return { lostContacts, newContacts, messages: msgs.rows.length, keys: Float64Array.from(keys), sentAt: Float64Array.from(sentAt) };
}

/** Whole-database totals, to catch contacts that should not exist (a retry stored twice, a stray row). */
export async function totals(db: Database): Promise<{ contacts: number; messages: number }> {
  const r = await sql<{ contacts: number; messages: number }>`
    select (select count(*)::int from contacts) as contacts, (select count(*)::int from contact_messages) as messages`.execute(db);
  return r.rows[0]!;
}
