import { sql } from 'kysely';
import type { ClockKind, Priority } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { loadPolicy, planClocks, type LoadedPolicy } from './clock-policy.js';
import { nextEventAt } from './next-event.js';

/** What a transaction changed about timers: run `applyTimerChanges` with it after the commit. */
export interface TimerChanges {
  schedule: Date[];
  release: Date[];
}
export const noTimerChanges = (): TimerChanges => ({ schedule: [], release: [] });

/** A new referral's clock rows from its priority's policy (what startClocks and writeReferral insert). */
export function clockRows(policy: LoadedPolicy, r: { referralId?: number; priority: Priority; at: Date; rerouteMinutes: number | null }) {
  return planClocks(policy, r.at, r.rerouteMinutes).map((c) => {
    const next = nextEventAt({ kind: c.kind, state: 'running', warn_at: c.warnAt, due_at: c.dueAt, escalate_at: null, warned_at: null, escalation_level: 0 });
    return {
      kind: c.kind, state: 'running' as const, priority: r.priority,
      target: c.target, calendar: c.calendar ?? null,
      warn_percent: c.warnPercent, supervisor_after_percent: c.supervisorAfterPercent,
      started_at: c.startedAt, warn_at: c.warnAt, due_at: c.dueAt, next_at: next, updated_at: r.at,
    };
  });
}

/**
 * Starts a referral's clocks from its policy (idempotent: a clock that exists is left alone). Runs in the
 * transaction that assigns the referral, so a referral never exists without its deadlines (a new referral gets
 * them in the statement that writes it: referrals/referral-write.ts).
 */
export async function startClocks(
  tx: Executor,
  r: { referralId: number; priority: Priority; at: Date; rerouteMinutes: number | null },
  policy?: LoadedPolicy,
): Promise<TimerChanges> {
  const rows = clockRows(policy ?? (await loadPolicy(tx, r.priority)), r).map((c) => ({
    referral_id: r.referralId, ...c, target: JSON.stringify(c.target), calendar: c.calendar ? JSON.stringify(c.calendar) : null,
  }));
  const inserted = await tx
    .insertInto('sla_clocks')
    .values(rows)
    .onConflict((oc) => oc.columns(['referral_id', 'kind']).doNothing())
    .returning('next_at')
    .execute();
  return { schedule: inserted.flatMap((x) => (x.next_at ? [x.next_at] : [])), release: [] };
}

/**
 * The step a clock measures happened (accepted, first support, closed). A running or paused clock is met; a
 * breached one keeps its breach and records when it was met late. Open escalations of the clock are settled.
 */
export async function meetClocks(tx: Executor, referralId: number, kinds: ClockKind[], at: Date, crypto: FieldCrypto): Promise<TimerChanges> {
  const rows = await tx
    .updateTable('sla_clocks')
    .set({
      state: sql`case when state = 'breached' then 'breached' else 'met' end`,
      met_at: at, next_at: null, paused_at: null, pause_reason_enc: null, updated_at: at,
    })
    .where('referral_id', '=', referralId)
    .where('kind', 'in', kinds)
    .where('state', 'in', ['running', 'paused', 'breached'])
    .where('met_at', 'is', null)
    .returning(['id', sql<Date | null>`(select c.next_at from sla_clocks c where c.id = sla_clocks.id)`.as('old_next_at')])
    .execute();
  await closePauses(tx, crypto, rows.map((r) => r.id), at, null, 'met');
  await settleEscalations(tx, crypto, rows.map((r) => r.id), at, 'met');
  return { schedule: [], release: rows.flatMap((r) => (r.old_next_at ? [r.old_next_at] : [])) };
}

/** Why a referral's unfinished clocks stop: it left the agency (declined, expired), or was closed. */
export type StopWhy = 'declined' | 'expired' | 'closed';

/**
 * The referral left the agency, or was closed: its unfinished clocks stop. A closed case settles its escalations
 * (the agency finished the work). A referral that was declined or expired keeps them open for a supervisor to
 * decide: the deadline was still missed, and the parent agency can no longer get that agency moving, so a missed
 * deadline only the parent was told of goes to the supervisor now (escalateLeft).
 */
export async function stopClocks(tx: Executor, referralId: number, at: Date, why: StopWhy, crypto: FieldCrypto): Promise<TimerChanges> {
  const rows = await tx
    .updateTable('sla_clocks')
    .set({
      state: sql`case when state = 'breached' then 'breached' else 'stopped' end`,
      stopped_at: at, next_at: null, paused_at: null, pause_reason_enc: null, updated_at: at,
    })
    .where('referral_id', '=', referralId)
    .where('state', 'in', ['running', 'paused', 'breached'])
    .where('met_at', 'is', null)
    .where('stopped_at', 'is', null)
    .returning(['id', 'kind', 'state', 'escalation_level', 'due_at', sql<Date | null>`(select c.next_at from sla_clocks c where c.id = sla_clocks.id)`.as('old_next_at')])
    .execute();
  await closePauses(tx, crypto, rows.map((r) => r.id), at, null, why);
  if (why === 'closed') await settleEscalations(tx, crypto, rows.map((r) => r.id), at, why);
  else await escalateLeft(tx, referralId, rows.filter((r) => r.state === 'breached' && r.escalation_level === 1), at, why);
  return { schedule: [], release: rows.flatMap((r) => (r.old_next_at ? [r.old_next_at] : [])) };
}

/** The supervisor's step of breached clocks whose referral left the agency before that step came due. */
async function escalateLeft(tx: Executor, referralId: number, clocks: { id: number; kind: ClockKind; due_at: Date }[], at: Date, why: StopWhy) {
  if (!clocks.length) return;
  const ids = clocks.map((c) => c.id);
  await tx.insertInto('sla_escalations')
    .values(clocks.map((c) => ({ clock_id: c.id, referral_id: referralId, level: 2, to_agency_id: null, created_at: at })))
    .onConflict((oc) => oc.columns(['clock_id', 'level']).doNothing()).execute();
  await tx.updateTable('sla_clocks').set({ escalation_level: 2, escalate_at: null }).where('id', 'in', ids).execute();
  await tx.insertInto('referral_events').values(clocks.map((c) => ({
    referral_id: referralId, type: 'escalated' as const, at,
    details: JSON.stringify({ clock: c.kind, dueAt: c.due_at.toISOString(), level: 2, to: 'supervisor', left: why }),
  }))).execute();
}

// A system note is no one's words, but the columns hold encrypted text only (one way to read them).
async function closePauses(tx: Executor, crypto: FieldCrypto, clockIds: number[], at: Date, by: number | null, note: string) {
  if (!clockIds.length) return;
  await tx.updateTable('sla_clock_pauses').set({ resumed_at: at, resumed_by: by, resume_note_enc: crypto.encrypt(note) })
    .where('clock_id', 'in', clockIds).where('resumed_at', 'is', null).execute();
}

async function settleEscalations(tx: Executor, crypto: FieldCrypto, clockIds: number[], at: Date, why: string) {
  if (!clockIds.length) return;
  await tx.updateTable('sla_escalations').set({ resolved_at: at, resolution_enc: crypto.encrypt(`system: ${why}`) })
    .where('clock_id', 'in', clockIds).where('resolved_at', 'is', null).execute();
}
