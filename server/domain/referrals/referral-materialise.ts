import type { ReferralSummary } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { loadPolicy } from '../sla/clock-policy.js';
import type { TimerChanges } from '../sla/clocks.repo.js';
import { applyTimerChanges } from '../sla/sla-timers.js';
import type { TrackPlan } from './planner.js';
import { enqueueNotifications, publishReferral } from './referral-notify.js';
import { enqueuePushes } from '../push/push-jobs.js';
import { writeReferral, type ReferralWrite, type WrittenReferral } from './referral-write.js';
import { agenciesWithDevices } from '../push/push-subscriptions.repo.js';

export type ReferralCtx = Pick<AppContext, 'db' | 'crypto' | 'clock' | 'queues' | 'realtime' | 'log' | 'config'>;
/** A referral created in a transaction, with what must happen once it commits. */
export type Made = { id: number; alerts: number[]; at: Date; timers: TimerChanges; summary: ReferralSummary } | null;

/** What writing a planned referral takes (null when the plan is to skip): its deadlines' policy is read here. */
export async function referralWriteOf(
  ctx: ReferralCtx, contactId: number, plan: TrackPlan, at: Date, previousReferralId: number | null, actorId: number | null, markRouted = false,
): Promise<ReferralWrite | null> {
  if (plan.kind === 'skip') return null;
  const agency = plan.kind === 'agency'
    // The deadlines start with the referral, in the same statement: a referral never exists without its clocks.
    ? { focalPhones: plan.focalPhones, policy: await loadPolicy(ctx.db, plan.priority), rerouteMinutes: plan.timeoutMinutes }
    : null;
  return {
    contactId, track: plan.track, agencyId: agency ? plan.agencyId : null, priority: plan.priority, ruleId: plan.ruleId,
    targetIndex: plan.targetIndex, why: plan.why, previousReferralId, at, agency, markRouted,
    event: { type: agency ? 'created' : 'needs_supervisor', actorUserId: actorId, details: { why: plan.why, previousReferralId } },
  };
}

/** A written referral as what must happen once it commits (null: it already existed). */
export const madeOf = (w: WrittenReferral | null, at: Date): Made =>
  w && { id: w.id, alerts: w.alerts, at, timers: { schedule: w.schedule, release: [] }, summary: w.summary };

/**
 * Writes one planned referral with its first events, clocks and alerts (one statement: referral-write.ts); null
 * when it already exists (idempotent) or the plan is to skip. `markRouted`: the routing request is done with it.
 */
export async function materialise(
  ex: Executor, ctx: ReferralCtx, contactId: number, plan: TrackPlan, at: Date, previousReferralId: number | null, actorId: number | null, markRouted = false,
): Promise<Made> {
  const write = await referralWriteOf(ctx, contactId, plan, at, previousReferralId, actorId, markRouted);
  return write && madeOf(await writeReferral(ex, ctx, write), at);
}

/** Once the transaction committed: the new referrals' timers, SMS alerts and live events. */
export async function afterMade(ctx: ReferralCtx, created: Made[]) {
  for (const c of created) {
    if (!c) continue;
    await applyTimerChanges(ctx, c.timers);
    await enqueueNotifications(ctx, c.alerts, c.at);
    // A wake-up only where some officer's device asked for one: a push job costs a queue round and two reads.
    if (c.summary.agency && (await agenciesWithDevices(ctx.db)).has(c.summary.agency.id)) await enqueuePushes(ctx, [{ referralId: c.id, agencyId: c.summary.agency.id, clock: 'acknowledge', reason: 'new' }]);
    await publishReferral(ctx, c.id, 'referral:created', c.summary);
  }
}
