import { sql, type RawBuilder } from 'kysely';
import type { OperatorStatus } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

export interface StatusRow {
  user_id: number;
  status: OperatorStatus;
  since: Date;
  available_since: Date | null;
  wrap_up_contact_id: number | null;
  wrap_up_until: Date | null;
}

/**
 * The operator wrapping up `contactId` (or a call with no contact named) is available again: the UPDATE, for a
 * statement of its own (endWrapUp) or a CTE of the wrap-up's (contacts/wrap-up-write.ts, whose `onlyIf` makes it
 * wait for the contact's own update). Returns the user id when it changed them.
 */
export function endWrapUpUpdate(userId: number, contactId: number, at: Date, onlyIf: RawBuilder<unknown> = sql`true`) {
  return sql`update operator_status s set status = 'available', since = ${at}, available_since = ${at}, wrap_up_contact_id = null,
      wrap_up_until = null, updated_at = ${at}
    where s.user_id = ${userId} and s.status = 'wrap_up' and (s.wrap_up_contact_id is null or s.wrap_up_contact_id = ${contactId})
      and ${onlyIf}
    returning s.user_id`;
}

/** See endWrapUpUpdate: true when the operator was wrapping this contact up and is available now. */
export async function endWrapUp(db: Executor, userId: number, contactId: number, at: Date): Promise<boolean> {
  return (await endWrapUpUpdate(userId, contactId, at).execute(db)).rows.length > 0;
}

/**
 * Sets an operator's status. `since` moves only when the status changes (time in status); `available_since` is set
 * when the operator becomes available and kept while they stay so (idle ordering: longest idle is offered first).
 * `onlyFrom`: change only from these statuses (a call's life must not overwrite a choice made meanwhile).
 */
export async function setStatus(
  db: Executor, userId: number, status: OperatorStatus, at: Date,
  opts: { onlyFrom?: OperatorStatus[]; wrapUpContactId?: number | null; wrapUpUntil?: Date | null } = {},
): Promise<StatusRow | null> {
  const wrapUp = status === 'wrap_up';
  const r = await sql<StatusRow>`
    insert into operator_status as s (user_id, status, since, available_since, wrap_up_contact_id, wrap_up_until, updated_at)
    values (${userId}, ${status}, ${at}, ${status === 'available' ? at : null},
            ${wrapUp ? (opts.wrapUpContactId ?? null) : null}, ${wrapUp ? (opts.wrapUpUntil ?? null) : null}, ${at})
    on conflict (user_id) do update set
      status = excluded.status,
      since = case when s.status = excluded.status then s.since else excluded.since end,
      available_since = case when excluded.status <> 'available' then null
                             when s.status = 'available' then s.available_since else excluded.available_since end,
      wrap_up_contact_id = excluded.wrap_up_contact_id,
      wrap_up_until = excluded.wrap_up_until,
      updated_at = excluded.updated_at
    ${opts.onlyFrom ? sql`where s.status = any(${opts.onlyFrom}::text[])` : sql``}
    returning user_id, status, since, available_since, wrap_up_contact_id, wrap_up_until`.execute(db);
  return r.rows[0] ?? null;
}

/** Moves an available operator to the back of the idle line (they let an offer ring out, or declined it). */
export async function backOfLine(db: Executor, userId: number, at: Date): Promise<void> {
  await db.updateTable('operator_status').set({ available_since: at, updated_at: at }).where('user_id', '=', userId).where('status', '=', 'available').execute();
}

export async function getStatus(db: Executor, userId: number): Promise<StatusRow | null> {
  const r = await db.selectFrom('operator_status').select(['user_id', 'status', 'since', 'available_since', 'wrap_up_contact_id', 'wrap_up_until'])
    .where('user_id', '=', userId).executeTakeFirst();
  return (r as StatusRow | undefined) ?? null;
}

export async function statusesOf(db: Executor, userIds: number[]): Promise<Map<number, StatusRow>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('operator_status').select(['user_id', 'status', 'since', 'available_since', 'wrap_up_contact_id', 'wrap_up_until'])
    .where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r as StatusRow]));
}

/** Operators whose wrap-up ran past its maximum: available again (the sweeper's job). Returns their ids. */
export async function endOverdueWrapUps(db: Executor, at: Date): Promise<number[]> {
  const r = await sql<{ user_id: number }>`
    update operator_status set status = 'available', since = ${at}, available_since = ${at}, wrap_up_contact_id = null,
           wrap_up_until = null, updated_at = ${at}
     where status = 'wrap_up' and wrap_up_until <= ${at}
    returning user_id`.execute(db);
  return r.rows.map((x) => x.user_id);
}

/** Someone is on duty: available, on a call or wrapping one up (a caller may wait for them). */
export async function anyoneOnDuty(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('operator_status').select('user_id').where('status', 'in', ['available', 'on_call', 'wrap_up']).limit(1).executeTakeFirst();
  return !!r;
}
