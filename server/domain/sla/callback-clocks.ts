import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.js';
import type { ClockUpdate, DueRow, DueResult } from './sla-engine.js';

/**
 * A missed call's clock: from the missed call to the first callback attempt (CALLBACK_FIRST_ATTEMPT_MINUTES, on the
 * wall clock: the line is open 24/7). Warned at 75 %; a breach goes straight to the supervisors (a callback has no
 * agency and no parent). The SLA engine runs it with the referrals' clocks; the consoles hear 'callbacks:changed'.
 */
export const CALLBACK_WARN_PERCENT = 75;

export async function startCallbackClock(db: Executor, callbackId: number, at: Date, minutes: number): Promise<Date | null> {
  const due = new Date(at.getTime() + minutes * 60_000);
  const warn = new Date(at.getTime() + (minutes * 60_000 * CALLBACK_WARN_PERCENT) / 100);
  const r = await db.insertInto('sla_clocks').values({
    callback_id: callbackId, kind: 'callback', state: 'running', priority: 'urgent',
    target: JSON.stringify({ value: minutes, unit: 'minutes' }), calendar: null, warn_percent: CALLBACK_WARN_PERCENT, supervisor_after_percent: null,
    started_at: at, warn_at: warn, due_at: due, next_at: warn, updated_at: at,
  } as never).onConflict((oc) => oc.doNothing()).returning('next_at').executeTakeFirst();
  return r?.next_at ?? null;
}

/** The first attempt started: the clock is met (late, if it had breached). */
export async function meetCallbackClock(db: Executor, callbackId: number, at: Date): Promise<void> {
  await sql`update sla_clocks set state = case when state = 'breached' then 'breached' else 'met' end, met_at = ${at}, next_at = null, updated_at = ${at}
             where callback_id = ${callbackId} and kind = 'callback' and met_at is null and state in ('running', 'breached')`.execute(db);
}

/** The callback closed without an attempt counting (cancelled): its clock stops. */
export async function stopCallbackClock(db: Executor, callbackId: number, at: Date): Promise<void> {
  await sql`update sla_clocks set state = 'stopped', stopped_at = ${at}, next_at = null, updated_at = ${at}
             where callback_id = ${callbackId} and state in ('running', 'paused')`.execute(db);
}

export async function claimDueCallbackClocks(tx: Tx, now: Date, limit: number): Promise<DueRow[]> {
  const r = await sql<DueRow>`
    select c.id, null::bigint as referral_id, c.callback_id, cb.contact_id as callback_contact_id, c.kind, c.state, c.started_at, c.warn_at,
           c.due_at, c.escalate_at, c.warned_at, c.breached_at, c.escalation_level, c.supervisor_after_percent,
           cb.contact_id, null::int as agency_id, null as agency_name, null as focal_phones, null::int as parent_agency_id, null as parent_phones
      from sla_clocks c join callbacks cb on cb.id = c.callback_id
     where c.next_at <= ${now}
     order by c.next_at
     limit ${limit}
       for update of c, cb skip locked`.execute(tx);
  return r.rows;
}

/** What falls due on a callback's clock: the warning, then the breach (to the supervisors at once). */
export function callbackClockUpdate(c: DueRow, now: Date, result: DueResult): ClockUpdate {
  const u: ClockUpdate = { id: c.id, state: c.state, warned_at: c.warned_at, breached_at: c.breached_at, escalate_at: null, escalation_level: c.escalation_level, next_at: null };
  if (c.state !== 'running') return u;
  if (!c.warned_at && c.warn_at && c.warn_at <= now) {
    u.warned_at = now;
    if (c.due_at > now) result.warnings++;
  }
  if (c.due_at <= now) {
    u.state = 'breached';
    u.breached_at = now;
    u.escalation_level = 2;
    result.breaches++;
  } else u.next_at = u.warned_at ? c.due_at : c.warn_at;
  return u;
}
