import { sql } from 'kysely';
import type { ClockKind, Priority } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
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
export async function meetClocks(tx: Executor, referralId: number, kinds: ClockKind[], at: Date): Promise<TimerChanges> {
  const rows = await tx
    .updateTable('sla_clocks')
    .set({
      state: sql`case when state = 'breached' then 'breached' else 'met' end`,
      met_at: at, next_at: null, paused_at: null, pause_reason: null, updated_at: at,
    })
    .where('referral_id', '=', referralId)
    .where('kind', 'in', kinds)
    .where('state', 'in', ['running', 'paused', 'breached'])
    .where('met_at', 'is', null)
    .returning(['id', sql<Date | null>`(select c.next_at from sla_clocks c where c.id = sla_clocks.id)`.as('old_next_at')])
    .execute();
  await closePauses(tx, rows.map((r) => r.id), at, null, 'met');
  await settleEscalations(tx, rows.map((r) => r.id), at, 'met');
  return { schedule: [], release: rows.flatMap((r) => (r.old_next_at ? [r.old_next_at] : [])) };
}

/** The referral left the agency (declined, expired, cancelled): its unfinished clocks stop and escalations settle. */
export async function stopClocks(tx: Executor, referralId: number, at: Date, why: string): Promise<TimerChanges> {
  const rows = await tx
    .updateTable('sla_clocks')
    .set({
      state: sql`case when state = 'breached' then 'breached' else 'stopped' end`,
      stopped_at: at, next_at: null, paused_at: null, pause_reason: null, updated_at: at,
    })
    .where('referral_id', '=', referralId)
    .where('state', 'in', ['running', 'paused', 'breached'])
    .where('met_at', 'is', null)
    .where('stopped_at', 'is', null)
    .returning(['id', sql<Date | null>`(select c.next_at from sla_clocks c where c.id = sla_clocks.id)`.as('old_next_at')])
    .execute();
  await closePauses(tx, rows.map((r) => r.id), at, null, why);
  await settleEscalations(tx, rows.map((r) => r.id), at, why);
  return { schedule: [], release: rows.flatMap((r) => (r.old_next_at ? [r.old_next_at] : [])) };
}

async function closePauses(tx: Executor, clockIds: number[], at: Date, by: number | null, note: string) {
  if (!clockIds.length) return;
  await tx.updateTable('sla_clock_pauses').set({ resumed_at: at, resumed_by: by, resume_note: note })
    .where('clock_id', 'in', clockIds).where('resumed_at', 'is', null).execute();
}

async function settleEscalations(tx: Executor, clockIds: number[], at: Date, why: string) {
  if (!clockIds.length) return;
  await tx.updateTable('sla_escalations').set({ resolved_at: at, resolution: `system: ${why}` })
    .where('clock_id', 'in', clockIds).where('resolved_at', 'is', null).execute();
}
