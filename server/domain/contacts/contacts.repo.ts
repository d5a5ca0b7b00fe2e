import { sql, type RawBuilder } from 'kysely';
import type { CallbackSummary, CallStatus, CallType, Channel, Classification, ContactSummary, RepeatContact } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

export const contactRef = (id: number) => `LH-${String(id).padStart(6, '0')}`;

/**
 * The contact's callback task with its first-attempt clock, as one JSON value (null for contacts without one):
 * a lookup on the unique contact_id, so the queue shows a missed call's reason, attempts and deadline.
 */
function callbackOf(contactId: RawBuilder<unknown>) {
  return sql<CallbackSummary | null>`(select json_build_object('reason', cb.reason, 'status', cb.status, 'attempts', cb.attempts,
      'dueAt', k.due_at, 'breached', k.breached_at is not null)
    from callbacks cb left join sla_clocks k on k.callback_id = cb.id and k.kind = 'callback'
    where cb.contact_id = ${contactId})`;
}

function summaryQuery(db: Executor) {
  return db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.claimed_by')
    .select('c.voicemail')
    .select([
      'c.id', 'c.channel', 'c.status', 'c.caller_masked', 'c.received_at', 'c.claimed_at', 'c.claimed_by',
      'u.display_name as claimed_by_name', 'c.call_status', 'c.unread_messages', 'c.classification',
      'c.caller_phone_hash', 'c.training', 'c.answered_at', 'c.ended_at', 'c.wait_seconds',
    ])
    .select(callbackOf(sql.ref('c.id')).as('callback'))
    .select((eb) =>
      eb
        .selectFrom('contacts as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.caller_phone_hash', '=', 'c.caller_phone_hash')
        .whereRef('p.received_at', '<', 'c.received_at')
        .as('repeat_count'),
    );
}
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export function toSummary(r: SummaryRow): ContactSummary {
  return {
    id: r.id,
    ref: contactRef(r.id),
    channel: r.channel,
    status: r.status,
    callerMasked: r.caller_masked,
    receivedAt: iso(r.received_at)!,
    claimedAt: iso(r.claimed_at),
    claimedBy: r.claimed_by != null ? { id: r.claimed_by, displayName: r.claimed_by_name ?? '' } : null,
    callStatus: (r.call_status as CallStatus | null) ?? null,
    repeatCount: r.caller_phone_hash ? Number(r.repeat_count ?? 0) : 0,
    unreadMessages: r.unread_messages,
    classification: r.classification,
    training: r.training,
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    waitSeconds: r.wait_seconds,
    callback: r.callback ? { ...r.callback, dueAt: iso(r.callback.dueAt) } : null,
  };
}

/**
 * The summary columns as RETURNING expressions of an insert or update on `contacts` (aliased `alias`), so a write
 * hands back what the consoles are told without a second round trip. repeat_count counts earlier contacts from the
 * same number on contacts_caller_hash_idx; the statement's snapshot never includes the row being written.
 */
export function summaryReturning(alias: 'contacts' | 'c') {
  const t = sql.raw(alias);
  return sql`${t}.id, ${t}.channel, ${t}.status, ${t}.caller_masked, ${t}.received_at, ${t}.claimed_at, ${t}.claimed_by,
    (select u.display_name from users u where u.id = ${t}.claimed_by) as claimed_by_name,
    ${t}.call_status, ${t}.unread_messages, ${t}.classification, ${t}.caller_phone_hash, ${t}.training,
    ${t}.answered_at, ${t}.ended_at, ${t}.wait_seconds, ${callbackOf(sql.raw(`${alias}.id`))} as callback,
    case when ${t}.caller_phone_hash is null then 0 else (
      select count(*)::int from contacts p where p.caller_phone_hash = ${t}.caller_phone_hash and p.received_at < ${t}.received_at
    ) end as repeat_count`;
}

export async function listOpenSummaries(db: Executor): Promise<ContactSummary[]> {
  const rows = await summaryQuery(db).where('c.status', '<>', 'closed').orderBy('c.received_at').limit(500).execute();
  return rows.map(toSummary);
}

export async function getSummary(db: Executor, id: number): Promise<ContactSummary | null> {
  const r = await summaryQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? toSummary(r) : null;
}

export async function getSummaries(db: Executor, ids: number[]): Promise<ContactSummary[]> {
  if (ids.length === 0) return [];
  return (await summaryQuery(db).where('c.id', 'in', ids).execute()).map(toSummary);
}

export async function getContactRow(db: Executor, id: number) {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ContactRow = NonNullable<Awaited<ReturnType<typeof getContactRow>>>;

/** Earlier contacts from the same number, newest first (repeat callers). */
export async function earlierContacts(db: Executor, phoneHash: string, beforeId: number): Promise<RepeatContact[]> {
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.closed_by')
    .select(['c.id', 'c.channel', 'c.received_at', 'c.call_type', 'c.classification', 'u.display_name'])
    .where('c.caller_phone_hash', '=', phoneHash)
    .where('c.id', '<>', beforeId)
    .orderBy('c.received_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => toRepeatContact({ ...r, operator: r.display_name }));
}

/** An earlier contact as the console lists it, from a row (or its JSON: dates as strings). */
export function toRepeatContact(r: {
  id: number; channel: Channel; received_at: Date | string; call_type: CallType | null; classification: Classification | null; operator: string | null;
}): RepeatContact {
  return {
    id: r.id,
    ref: contactRef(r.id),
    channel: r.channel,
    receivedAt: iso(r.received_at)!,
    callType: r.call_type,
    classification: r.classification,
    operator: r.operator,
  };
}

export interface NewContact {
  channel: Channel;
  twilioSid?: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  masked: string | null;
  handleEnc?: string | null;
  receivedAt: Date;
  callStatus?: CallStatus | null;
  createdBy?: number | null;
}

/** Inserts a contact; null when its Twilio sid is already stored (a webhook retry). */
export async function insertContact(db: Executor, c: NewContact): Promise<number | null> {
  const r = await db
    .insertInto('contacts')
    .values({
      channel: c.channel,
      twilio_sid: c.twilioSid ?? null,
      caller_phone_enc: c.phoneEnc,
      caller_phone_hash: c.phoneHash,
      caller_masked: c.masked,
      caller_handle_enc: c.handleEnc ?? null,
      received_at: c.receivedAt,
      call_status: c.callStatus ?? null,
      created_by: c.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('twilio_sid').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Exactly one of several concurrent claims wins: the update only matches a still-queued contact. */
export async function claimContact(db: Executor, id: number, userId: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('contacts')
    .set({ status: 'in_progress', claimed_by: userId, claimed_at: now, unread_messages: 0 })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseContact(db: Executor, id: number, userId: number): Promise<boolean> {
  const r = await db
    .updateTable('contacts')
    .set({ status: 'queued', claimed_by: null, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .where('claimed_by', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Optimistic concurrency: saves only over the version the client last saw; returns the new version or null. */
export async function saveDraft(db: Executor, id: number, userId: number, version: number, draftEnc: string, now: Date): Promise<number | null> {
  const r = await db
    .updateTable('contacts')
    .set((eb) => ({ draft_enc: draftEnc, draft_version: eb('draft_version', '+', 1), draft_updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .where('claimed_by', '=', userId)
    .where('draft_version', '=', version)
    .returning('draft_version')
    .executeTakeFirst();
  return r?.draft_version ?? null;
}
