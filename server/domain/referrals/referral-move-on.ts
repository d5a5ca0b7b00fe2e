import { whyReasonText, type ReferralWhy } from '../../../shared/index.js';
import type { Tx } from '../../db/database.js';
import { stopClocks, type TimerChanges } from '../sla/clocks.repo.js';
import type { RoutingPlanner } from './planner.js';
import { materialise, type Made, type ReferralCtx } from './referral-materialise.js';
import { addEvent, type ReferralRow } from './referrals.repo.js';

export type LeftBecause = 'declined' | 'expired';

/**
 * After a decline or an expiry: the next target; else the supervisor's queue, saying truly why (declined, or
 * nobody acknowledged within the routing target's timeout); else, when the track's rule says skip, nothing: the
 * track ends, and its timeline says so and why (unless a supervisor had assigned it). The old referral's clocks
 * stop (their escalations stay open).
 */
export async function moveOn(
  tx: Tx, ctx: ReferralCtx, planner: RoutingPlanner, row: ReferralRow, at: Date, because: LeftBecause,
): Promise<{ made: Made; stopped: TimerChanges }> {
  const stopped = await stopClocks(tx, row.id, at, because, ctx.crypto);
  const next = await planner.planNext({ ...row, status: because });
  // A supervisor who gave this track to an agency by hand chose to pursue it: they hear back, whatever the rule says.
  if (next.kind === 'skip' && row.why.reason !== 'assigned') {
    await addEvent(tx, row.id, 'track_ended', at, null, { why: await leftWhy(tx, row, because, next.why.rule) });
    return { made: null, stopped };
  }
  const plan = next.kind === 'agency' ? next : { ...next, kind: 'supervisor' as const, why: await leftWhy(tx, row, because, next.why.rule) };
  const made = await materialise(tx, ctx, row.contact_id, plan, at, row.id, null);
  await addEvent(tx, row.id, 'rerouted', at, null, { to: made?.id ?? null, kind: plan.kind });
  return { made, stopped };
}

/** Why no agency is left after `row` was declined or expired; an expiry names the deadline it missed. */
async function leftWhy(tx: Tx, row: ReferralRow, because: LeftBecause, rule: string | null): Promise<ReferralWhy> {
  const deadlineMinutes = because === 'expired' ? await rerouteMinutes(tx, row.id) : null;
  const why: ReferralWhy = { rule, target: null, explanation: '', reason: because, ...(deadlineMinutes && { deadlineMinutes }) };
  return { ...why, explanation: whyReasonText(why, 'vi')! };
}

async function rerouteMinutes(tx: Tx, referralId: number): Promise<number | null> {
  const c = await tx.selectFrom('sla_clocks').select('target').where('referral_id', '=', referralId).where('kind', '=', 'reroute').executeTakeFirst();
  return c && c.target.unit === 'minutes' ? c.target.value : null;
}
