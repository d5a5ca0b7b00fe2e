import { whyReasonText, type ReferralWhy, type SessionUser } from '../../../shared/index.js';
import type { Tx } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { startClocks, type TimerChanges } from '../sla/clocks.repo.js';
import type { ReferralCtx } from './referral-materialise.js';
import { recordReferralAlerts } from './referral-notify.js';
import { addEvent, lockReferral, transition } from './referrals.repo.js';
import { sealedText } from './event-text.js';

export type Actor = { user: SessionUser; origin: RequestOrigin };

/**
 * A supervisor hands a referral waiting on the queue to an agency chosen by hand, any active one: also one that
 * already had the case on this track (declined it, or let it expire), which is then attempt N to that agency,
 * recorded as such on the referral, its event and the audit. The SLA clocks start; the re-route clock does not
 * (a supervisor's choice has no next target to fall back to).
 */
export async function assignInTx(tx: Tx, ctx: ReferralCtx, id: number, agencyId: number, note: string, actor: Actor, at: Date): Promise<{ alerts: number[]; timers: TimerChanges }> {
  const row = await lockReferral(tx, id);
  if (!row) throw new NotFoundError('no such referral');
  const agency = await tx.selectFrom('agencies').select(['id', 'active']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !agency.active) throw new ValidationError('unknown or inactive agency', { agencyId: 'no active agency with this id' });
  const attempt = (await earlierAttempts(tx, row.contact_id, row.track, agencyId)) + 1;
  const why: ReferralWhy = { rule: row.why.rule, target: null, explanation: '', reason: 'assigned', attempt };
  why.explanation = whyReasonText(why, 'vi')!;
  if (!(await transition(tx, id, ['needs_supervisor'], { status: 'pending', agency_id: agencyId, attempt, why: JSON.stringify(why) }, at)))
    throw new ConflictError(`only a referral waiting for a supervisor can be assigned (this one is ${row.status})`);
  // Why it waited on the queue stays on the timeline (its 'needs_supervisor' event); the row now says who chose the agency.
  await addEvent(tx, id, 'assigned', at, actor.user.id, { agencyId, attempt, ...sealedText(ctx.crypto, { note }) });
  await writeAudit(tx, {
    actorUserId: actor.user.id, actorRole: actor.user.role, action: 'referral.assign', entityType: 'referral', entityId: id, ...actor.origin,
    details: { agencyId, attempt },
  });
  const timers = await startClocks(tx, { referralId: id, priority: row.priority, at, rerouteMinutes: null });
  return { alerts: await recordReferralAlerts(tx, ctx, id, at), timers };
}

async function earlierAttempts(tx: Tx, contactId: number, track: string, agencyId: number): Promise<number> {
  const r = await tx.selectFrom('referrals').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId).where('track', '=', track as never).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
  return Number(r.n);
}
