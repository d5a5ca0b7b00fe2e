import { sql } from 'kysely';
import type { CallStatus, ContactSummary } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { summaryReturning, toSummary, type SummaryRow } from './contacts.repo.js';

/**
 * The webhook writes, set-based: each statement stores a whole batch of calls or messages (see group-commit.ts)
 * and hands back, per item, what the consoles are told. One statement is atomic on its own: no BEGIN/COMMIT.
 */

export interface InboundCall {
  twilioSid: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  masked: string | null;
  receivedAt: Date;
  callStatus: CallStatus;
  /** A simulated call of the training line (its sid is ours, "TR…", never Twilio's). */
  training?: boolean;
}

export interface InboundMessage {
  channel: 'sms' | 'whatsapp';
  twilioSid: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  masked: string | null;
  receivedAt: Date;
  bodyEnc: string;
}

export type StoredMessage = { messageId: number; created: boolean; summary: ContactSummary } | null;

/** Items after the first with the same sid are retries of it: they are answered as duplicates without being sent. */
function firstOfEachSid<T extends { twilioSid: string }>(items: T[]): { rows: (T & { ord: number })[]; isFirst: boolean[] } {
  const seen = new Set<string>();
  const isFirst = items.map((i) => !seen.has(i.twilioSid) && !!seen.add(i.twilioSid));
  return { rows: items.map((i, ord) => ({ ...i, ord })).filter((_, k) => isFirst[k]), isFirst };
}

/**
 * repeat_count is counted in the statement's snapshot, which never includes rows written by the same statement:
 * a batch holding two contacts from one number adds the earlier ones here.
 */
function countRepeatsWithinBatch(created: { summary: ContactSummary; phoneHash: string | null; ord: number }[]) {
  const byHash = new Map<string, typeof created>();
  for (const c of created) if (c.phoneHash) byHash.set(c.phoneHash, [...(byHash.get(c.phoneHash) ?? []), c]);
  for (const group of byHash.values()) {
    group.sort((a, b) => a.ord - b.ord);
    group.forEach((c, i) => (c.summary.repeatCount += i));
  }
}

/** Inbound calls; a CallSid already stored (Twilio's retry) comes back as null and changes nothing. */
export async function insertCalls(db: Executor, calls: InboundCall[]): Promise<(ContactSummary | null)[]> {
  const { rows, isFirst } = firstOfEachSid(calls);
  const input = JSON.stringify(rows.map((c) => ({
    ord: c.ord, twilio_sid: c.twilioSid, phone_enc: c.phoneEnc, phone_hash: c.phoneHash, masked: c.masked,
    received_at: c.receivedAt.toISOString(), call_status: c.callStatus, training: c.training ?? false,
  })));
  const r = await sql<SummaryRow & { twilio_sid: string }>`/* unprepared: a batch (db/prepared-statements.ts) */
    insert into contacts (channel, twilio_sid, caller_phone_enc, caller_phone_hash, caller_masked, received_at, call_status, training)
    select 'voice', i.twilio_sid, i.phone_enc, i.phone_hash, i.masked, i.received_at, i.call_status, i.training
    from json_to_recordset(${input}::json)
      as i(ord int, twilio_sid text, phone_enc text, phone_hash text, masked text, received_at timestamptz, call_status text, training boolean)
    order by i.ord
    on conflict (twilio_sid) do nothing
    returning contacts.twilio_sid, ${summaryReturning('contacts')}`.execute(db);
  const bySid = new Map(r.rows.map((row) => [row.twilio_sid, toSummary(row)]));
  const out = calls.map((c, k) => (isFirst[k] ? bySid.get(c.twilioSid) ?? null : null));
  countRepeatsWithinBatch(calls.flatMap((c, ord) => (out[ord] ? [{ summary: out[ord]!, phoneHash: c.phoneHash, ord }] : [])));
  return out;
}

/**
 * Inbound SMS/WhatsApp messages: each joins its sender's open conversation on the partial unique index, or opens
 * one (a withheld number always opens one), counts as unread while the conversation waits in the queue, and is
 * stored. A MessageSid already stored changes nothing (null). A batch must hold at most one message per sender and
 * channel (the upsert may touch a row once); group-commit's key keeps them apart. A concurrent retry of the same
 * MessageSid fails the message insert on its unique key, which rolls the whole statement back: group commit then
 * writes the items one by one, and the retry alone comes back as null.
 */
export async function receiveInboundMessages(db: Executor, messages: InboundMessage[]): Promise<StoredMessage[]> {
  const { rows, isFirst } = firstOfEachSid(messages);
  const input = JSON.stringify(rows.map((m) => ({
    ord: m.ord, channel: m.channel, twilio_sid: m.twilioSid, phone_enc: m.phoneEnc, phone_hash: m.phoneHash, masked: m.masked,
    received_at: m.receivedAt.toISOString(), body_enc: m.bodyEnc,
  })));
  let result;
  try {
    result = await sql<SummaryRow & { message_id: number; message_sid: string; created: boolean }>`/* unprepared: a batch (db/prepared-statements.ts) */
      with fresh as materialized (
        -- New contacts get their id here, so each message can find the conversation it opened.
        select i.*, nextval(pg_get_serial_sequence('contacts', 'id')) as new_id
        from json_to_recordset(${input}::json)
          as i(ord int, channel text, twilio_sid text, phone_enc text, phone_hash text, masked text, received_at timestamptz, body_enc text)
        where not exists (select 1 from contact_messages m where m.twilio_sid = i.twilio_sid)
      ), conv as (
        insert into contacts as c (id, channel, caller_phone_enc, caller_phone_hash, caller_masked, received_at, last_message_at, unread_messages)
        select f.new_id, f.channel, f.phone_enc, f.phone_hash, f.masked, f.received_at, f.received_at, 1 from fresh f order by f.ord
        on conflict (caller_phone_hash, channel) where status <> 'closed' and channel in ('sms','whatsapp')
        -- "Unread" means waiting for someone: the operator handling a conversation reads it live.
        do update set last_message_at = excluded.last_message_at,
          unread_messages = case when c.status = 'queued' then c.unread_messages + 1 else 0 end
        returning (c.xmax = 0) as created, ${summaryReturning('c')}
      ), msg as (
        insert into contact_messages (contact_id, direction, twilio_sid, body_enc, status, created_at, updated_at)
        select conv.id, 'in', f.twilio_sid, f.body_enc, 'received', f.received_at, f.received_at
        from fresh f
        join conv on conv.id = f.new_id
          or (not conv.created and conv.caller_phone_hash = f.phone_hash and conv.channel = f.channel)
        returning id, contact_id, twilio_sid
      )
      select msg.id as message_id, msg.twilio_sid as message_sid, conv.* from msg join conv on conv.id = msg.contact_id`.execute(db);
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (messages.length === 1 && e.code === '23505' && e.constraint === 'contact_messages_twilio_sid_key') return [null];
    throw err;
  }
  const bySid = new Map(result.rows.map((row) => [row.message_sid, { messageId: Number(row.message_id), created: row.created, summary: toSummary(row) }]));
  const out = messages.map((m, k) => (isFirst[k] ? bySid.get(m.twilioSid) ?? null : null));
  countRepeatsWithinBatch(messages.flatMap((m, ord) => (out[ord]?.created ? [{ summary: out[ord]!.summary, phoneHash: m.phoneHash, ord }] : [])));
  return out;
}
