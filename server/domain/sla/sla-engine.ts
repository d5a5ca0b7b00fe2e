import { sql } from 'kysely';
import { ROOMS, type ClockKind, type ClockState, type ReferralEventType } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/database.js';
import { enqueueNotifications } from '../referrals/referral-notify.js';
import type { ReferralsService } from '../referrals/referrals.service.js';
import { supervisorStepAt } from './clock-policy.js';
import { nextEventAt } from './next-event.js';
import { insertSlaAlerts, type SlaAlert } from './sla-alerts.js';
import { enqueuePushes, type PushJob } from '../push/push-jobs.js';
import { scheduleTicks } from './sla-timers.js';
import { callbackClockUpdate, claimDueCallbackClocks } from './callback-clocks.js';

type EngineCtx = Pick<AppContext, 'db' | 'clock' | 'queues' | 'realtime' | 'log' | 'config' | 'crypto'>;
type Expiry = NonNullable<Awaited<ReturnType<ReferralsService['expireInTx']>>>;

export interface DueRow {
  id: number;
  referral_id: number;
  /** A callback's clock (its referral_id is null then; see callback-clocks.ts). */
  callback_id: number | null;
  callback_contact_id: number | null;
  kind: ClockKind;
  state: ClockState;
  started_at: Date;
  warn_at: Date | null;
  due_at: Date;
  escalate_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  escalation_level: number;
  supervisor_after_percent: number | null;
  contact_id: number;
  agency_id: number | null;
  agency_name: string | null;
  focal_phones: string[] | null;
  parent_agency_id: number | null;
  parent_phones: string[] | null;
}

export interface DueResult {
  clocks: number;
  warnings: number;
  breaches: number;
  escalations: number;
  expired: number;
}

const BATCH = 1000;
/** How soon due clocks that were locked by another transaction are looked at again. */
const RETRY_MS = 1000;

/**
 * The SLA engine: everything that falls due on a clock (warning, breach, supervisor step, re-route), for every clock
 * whose next_at has passed. Rows are claimed with FOR UPDATE SKIP LOCKED and changed in the same transaction, so
 * however many workers (or the reconciler) run it at once, each warning, breach and escalation happens once.
 * The claim locks the clock's referral too, and skips it when taken: referral actions lock the referral and then its
 * clocks, so an engine that waited for the referral (a re-route) while holding clocks would deadlock with them.
 */
export function createSlaEngine(ctx: EngineCtx, referrals: Pick<ReferralsService, 'expireInTx' | 'afterExpiry'>) {
  async function batch(now: Date): Promise<{ result: DueResult; after: () => Promise<void> }> {
    const result: DueResult = { clocks: 0, warnings: 0, breaches: 0, escalations: 0, expired: 0 };
    const work = await ctx.db.transaction().execute(async (tx) => {
      const due = await claimDue(tx, now);
      result.clocks = due.length;
      if (!due.length) return null;
      const updates: ClockUpdate[] = [];
      const events: { referral_id: number; type: ReferralEventType; at: Date; details: string }[] = [];
      const escalations: { clock_id: number; referral_id: number; level: number; to_agency_id: number | null; created_at: Date }[] = [];
      const alerts: SlaAlert[] = [];
      const pushes: PushJob[] = [];
      const expiries: { row: DueRow; expiry: Expiry }[] = [];
      const callbackContacts: number[] = [];
      for (const c of due) {
        if (c.callback_id != null) {
          updates.push(callbackClockUpdate(c, now, result));
          callbackContacts.push(c.callback_contact_id!);
          continue;
        }
        const u: ClockUpdate = { id: c.id, state: c.state, warned_at: c.warned_at, breached_at: c.breached_at, escalate_at: c.escalate_at, escalation_level: c.escalation_level, next_at: null };
        const event = (type: ReferralEventType, details: Record<string, unknown>) =>
          events.push({ referral_id: c.referral_id, type, at: now, details: JSON.stringify({ clock: c.kind, dueAt: c.due_at.toISOString(), ...details }) });
        if (c.state === 'running' && c.kind === 'reroute' && c.due_at <= now) {
          u.state = 'breached';
          u.breached_at = now;
        } else if (c.state === 'running') {
          if (c.warn_at && !c.warned_at && c.warn_at <= now) {
            u.warned_at = now;
            // A warning whose deadline has also passed (a missed timer) is recorded, but only the breach is sent.
            if (c.due_at > now) {
              result.warnings++;
              event('sla_warning', {});
              if (c.agency_id != null) pushes.push({ referralId: c.referral_id, agencyId: c.agency_id, clock: c.kind, reason: 'warning' });
              alerts.push({ kind: 'warning', referralId: c.referral_id, contactId: c.contact_id, clockKind: c.kind, dueAt: c.due_at, phones: c.focal_phones ?? [] });
            }
          }
          if (c.due_at <= now) {
            result.breaches++;
            u.state = 'breached';
            u.breached_at = now;
            event('sla_breached', { late: now.getTime() - c.due_at.getTime() });
            if (c.parent_agency_id != null) {
              u.escalation_level = 1;
              escalations.push({ clock_id: c.id, referral_id: c.referral_id, level: 1, to_agency_id: c.parent_agency_id, created_at: now });
              event('escalated', { level: 1, to: c.parent_agency_id });
              pushes.push({ referralId: c.referral_id, agencyId: c.parent_agency_id, clock: c.kind, reason: 'escalation' });
              alerts.push({ kind: 'escalation', referralId: c.referral_id, contactId: c.contact_id, clockKind: c.kind, dueAt: c.due_at, phones: c.parent_phones ?? [], agencyName: c.agency_name ?? undefined });
              u.escalate_at = supervisorStepAt(c.started_at, c.due_at, now, c.supervisor_after_percent);
            }
          }
        }
        // The supervisor step: at once when there is no parent agency, or later when the parent did not get it moving.
        if (u.state === 'breached' && c.kind !== 'reroute' && u.escalation_level < 2 && (u.escalation_level === 0 || (u.escalate_at && u.escalate_at <= now))) {
          u.escalation_level = 2;
          escalations.push({ clock_id: c.id, referral_id: c.referral_id, level: 2, to_agency_id: null, created_at: now });
          event('escalated', { level: 2, to: 'supervisor' });
        }
        u.next_at = nextEventAt({ kind: c.kind, state: u.state, warn_at: c.warn_at, due_at: c.due_at, escalate_at: u.escalate_at, warned_at: u.warned_at, escalation_level: u.escalation_level });
        updates.push(u);
      }
      await applyUpdates(tx, updates, now);
      if (events.length) await tx.insertInto('referral_events').values(events).execute();
      if (escalations.length) await tx.insertInto('sla_escalations').values(escalations).onConflict((oc) => oc.columns(['clock_id', 'level']).doNothing()).execute();
      result.escalations = escalations.length;
      const notificationIds = await insertSlaAlerts(tx, ctx, alerts.filter((a) => a.phones.length), now);
      // Re-routes last: they stop the referral's other clocks, which this transaction may just have changed.
      for (const c of due) {
        if (c.callback_id != null || c.kind !== 'reroute' || c.state !== 'running' || c.due_at > now) continue;
        const expiry = await referrals.expireInTx(tx, c.referral_id, now);
        if (expiry) expiries.push({ row: c, expiry });
      }
      result.expired = expiries.length;
      return { due: due.filter((c) => c.callback_id == null), updates, notificationIds, pushes, expiries, callbackContacts, escalated: escalations.length > 0, escalatedTo: escalations.map((e) => e.to_agency_id) };
    });
    return {
      result,
      after: async () => {
        if (!work) return;
        await enqueueNotifications(ctx, work.notificationIds, now);
        await enqueuePushes(ctx, work.pushes);
        for (const e of work.expiries) await referrals.afterExpiry(e.expiry, e.row.referral_id);
        publish(work.due, work.escalated, work.escalatedTo);
        if (work.callbackContacts.length)
          ctx.realtime.emit([ROOMS.operators, ROOMS.supervisors], 'callbacks:changed', { contactIds: [...new Set(work.callbackContacts)] });
        await scheduleTicks(ctx, work.updates.flatMap((u) => (u.next_at ? [u.next_at] : [])));
      },
    };
  }

  function publish(due: DueRow[], escalated: boolean, escalatedTo: (number | null)[]) {
    const byAgency = new Map<number, number[]>();
    for (const c of due) if (c.agency_id != null) byAgency.set(c.agency_id, [...(byAgency.get(c.agency_id) ?? []), c.referral_id]);
    const all = [...new Set(due.map((c) => c.referral_id))];
    ctx.realtime.emit([ROOMS.supervisors], 'sla:changed', { referralIds: all, escalated });
    for (const [agencyId, ids] of byAgency) ctx.realtime.emit([ROOMS.agency(agencyId)], 'sla:changed', { referralIds: [...new Set(ids)], escalated: false });
    // Parent agencies alerted in this batch refresh their list of escalations.
    const parents = new Set(escalatedTo.filter((x): x is number => x != null));
    for (const p of parents) ctx.realtime.emit([ROOMS.agency(p)], 'sla:changed', { referralIds: [], escalated: true });
  }

  return {
    /** Processes everything due at `now`, in batches, until nothing is left. */
    async processDue(now: Date = ctx.clock.now()): Promise<DueResult> {
      const total: DueResult = { clocks: 0, warnings: 0, breaches: 0, escalations: 0, expired: 0 };
      for (;;) {
        const { result, after } = await batch(now);
        await after();
        for (const k of Object.keys(total) as (keyof DueResult)[]) total[k] += result[k];
        // Every clock processed leaves the due set, so this ends; a row skipped because another transaction held it
        // or its referral (an accept, a pause, another worker) may be free by the next batch.
        if (result.clocks === 0) break;
      }
      // Still held by someone: this tick consumed the timer, so look again shortly rather than wait for the reconciler.
      const left = await ctx.db.selectFrom('sla_clocks').select('id').where('next_at', '<=', now).limit(1).executeTakeFirst();
      if (left) await scheduleTicks(ctx, [new Date(ctx.clock.now().getTime() + RETRY_MS)]);
      return total;
    },
  };
}
export type SlaEngine = ReturnType<typeof createSlaEngine>;

/** Due clocks of referrals (each locked with its referral) and of callbacks (each with its callback). */
async function claimDue(tx: Tx, now: Date): Promise<DueRow[]> {
  const r = await sql<DueRow>`
    select c.id, c.referral_id, null::bigint as callback_id, null::bigint as callback_contact_id, c.kind, c.state, c.started_at, c.warn_at,
           c.due_at, c.escalate_at, c.warned_at, c.breached_at,
           c.escalation_level, c.supervisor_after_percent, r.contact_id, r.agency_id, a.name as agency_name, a.focal_phones,
           pa.id as parent_agency_id, pa.focal_phones as parent_phones
      from sla_clocks c
      join referrals r on r.id = c.referral_id
      left join agencies a on a.id = r.agency_id
      left join agencies pa on pa.id = a.parent_agency_id and pa.active
     where c.next_at <= ${now}
     order by c.next_at
     limit ${BATCH}
       for update of c, r skip locked`.execute(tx);
  return [...r.rows, ...(await claimDueCallbackClocks(tx, now, BATCH))];
}

export interface ClockUpdate {
  id: number;
  state: ClockState;
  warned_at: Date | null;
  breached_at: Date | null;
  escalate_at: Date | null;
  escalation_level: number;
  next_at: Date | null;
}

/** One statement for the whole batch. */
async function applyUpdates(tx: Tx, updates: ClockUpdate[], now: Date) {
  await sql`
    update sla_clocks c
       set state = v.state, warned_at = v.warned_at, breached_at = v.breached_at, escalate_at = v.escalate_at,
           escalation_level = v.escalation_level, next_at = v.next_at, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
           as v(id bigint, state text, warned_at timestamptz, breached_at timestamptz, escalate_at timestamptz, escalation_level smallint, next_at timestamptz)
     where c.id = v.id`.execute(tx);
}
