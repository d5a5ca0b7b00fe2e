import type { CloseBody, ReferralDetail, SessionUser, SupportBody } from '../../../shared/index.js';
import type { Executor, Tx } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { RoutingPlanner } from './planner.js';
import { enqueueNotifications, publishReferral } from './referral-notify.js';
import { enqueuePushes } from '../push/push-jobs.js';
import { markRouted } from '../routing/routing-outbox.js';
import { referralDetail } from './referral-detail.js';
import { sealedText } from './event-text.js';
import { addEvent, getReferralRow, lockReferral, transition, type ReferralRow } from './referrals.repo.js';
import { meetClocks, stopClocks, type TimerChanges } from '../sla/clocks.repo.js';
import { applyTimerChanges, mergeTimerChanges } from '../sla/sla-timers.js';
import { afterMade, madeOf, referralWriteOf, type Made, type ReferralCtx } from './referral-materialise.js';
import { referralWriter } from './referral-batch.js';
import { moveOn } from './referral-move-on.js';
import { assignInTx, type Actor } from './referral-assign.js';

export type { Actor } from './referral-assign.js';

/** Referral lifecycle: pending → accepted → in_progress → closed, or declined → re-routed, or the supervisor's queue. */
export function createReferralsService(ctx: ReferralCtx, planner: RoutingPlanner) {
  const { db, clock } = ctx;
  const writeCase = referralWriter(ctx);

  /** The officer's own agency only; anything else is "not found" so ids of other agencies' cases leak nothing. */
  function assertOwn(row: ReferralRow | undefined, user: SessionUser): ReferralRow {
    if (!row || (user.role === 'agency_officer' && row.agency_id !== user.agencyId)) throw new NotFoundError('no such referral');
    return row;
  }

  async function detail(id: number, user: SessionUser) {
    return (await referralDetail(db, ctx.crypto, id, user))!;
  }

  async function audit(tx: Executor, actor: Actor, action: string, id: number, details?: Record<string, unknown>) {
    await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action, entityType: 'referral', entityId: id, ...actor.origin, details });
  }

  return {
    /**
     * The routing worker's job: every track for a classified contact, atomically (one statement, shared with the
     * cases routed at the same moment: referral-batch.ts). Safe to run twice. `markRouted`: the routing request is done with it.
     */
    async routeContact(contactId: number, opts: { markRouted?: boolean } = {}): Promise<number[]> {
      const at = clock.now();
      const mark = opts.markRouted ?? false;
      // Nothing to plan for a follow-up attached to its open case (issue 17): its case keeps its referrals.
      const plans = (await planner.planCase(contactId)).filter((p) => p.kind !== 'skip');
      if (plans.length === 0) {
        if (mark) await markRouted(db, contactId, at);
        return [];
      }
      const writes = await Promise.all(plans.map((p, i) => referralWriteOf(ctx, contactId, p, at, null, null, mark && i === 0)));
      const created = (await writeCase(writes.filter((w) => w != null))).map((w) => madeOf(w, at));
      await afterMade(ctx, created);
      return created.filter((c) => c != null).map((c) => c!.id);
    },

    async view(id: number, actor: Actor): Promise<ReferralDetail> {
      const d = await referralDetail(db, ctx.crypto, id, actor.user);
      if (!d) throw new NotFoundError('no such referral');
      await audit(db, actor, 'referral.view', id, { disclosed: d.disclosure != null, withheld: d.disclosureWithheld });
      return d;
    },

    async accept(id: number, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!(await transition(tx, id, ['pending'], { status: 'accepted', accepted_at: at }, at)))
          throw new ConflictError(`cannot accept a referral that is ${row.status}`);
        await addEvent(tx, id, 'accepted', at, actor.user.id);
        await audit(tx, actor, 'referral.accept', id);
        return meetClocks(tx, id, ['acknowledge', 'reroute'], at, ctx.crypto);
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return this.view(id, actor);
    },

    /** Declining needs a reason; the case moves on to the next target at once, or to the supervisor. */
    async decline(id: number, reason: string, actor: Actor) {
      const at = clock.now();
      const created = await db.transaction().execute(async (tx) => {
        const row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!(await transition(tx, id, ['pending'], { status: 'declined', decline_reason_enc: ctx.crypto.encrypt(reason) }, at)))
          throw new ConflictError(`cannot decline a referral that is ${row.status}`);
        await addEvent(tx, id, 'declined', at, actor.user.id, sealedText(ctx.crypto, { reason }));
        await audit(tx, actor, 'referral.decline', id);
        return moveOn(tx, ctx, planner, row, at, 'declined');
      });
      await applyTimerChanges(ctx, created.stopped);
      await publishReferral(ctx, id, 'referral:updated');
      await afterMade(ctx, [created.made]);
      return (await referralDetail(db, ctx.crypto, id, actor.user))!;
    },

    async recordSupport(id: number, body: SupportBody, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!['accepted', 'in_progress'].includes(row.status)) throw new ConflictError(`cannot record support on a referral that is ${row.status}`);
        await tx.insertInto('referral_support').values({
          referral_id: id, regime: body.regime, given_on: body.givenOn, note_enc: ctx.crypto.encryptNullable(body.note), recorded_by: actor.user.id, recorded_at: at,
        }).execute();
        await transition(tx, id, ['accepted', 'in_progress'], { status: 'in_progress', ...(!row.first_action_at && { first_action_at: at }) }, at);
        await addEvent(tx, id, 'support_recorded', at, actor.user.id, { regime: body.regime, givenOn: body.givenOn });
        await audit(tx, actor, 'referral.support', id, { regime: body.regime });
        return meetClocks(tx, id, ['first_action'], at, ctx.crypto);
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return detail(id, actor.user);
    },

    async close(id: number, body: CloseBody, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!(await transition(tx, id, ['accepted', 'in_progress'], { status: 'closed', closed_at: at, outcome: body.outcome, outcome_reason_enc: ctx.crypto.encryptNullable(body.reason) }, at)))
          throw new ConflictError(`cannot close a referral that is ${row.status}`);
        await addEvent(tx, id, 'closed', at, actor.user.id, { outcome: body.outcome, ...sealedText(ctx.crypto, { reason: body.reason }) });
        await audit(tx, actor, 'referral.close', id, { outcome: body.outcome });
        // Closing meets the close deadline; a first action never recorded is stopped, not counted as met.
        return mergeTimerChanges(await meetClocks(tx, id, ['close'], at, ctx.crypto), await stopClocks(tx, id, at, 'closed', ctx.crypto));
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return detail(id, actor.user);
    },

    /** A supervisor hands a referral on the queue to an agency chosen by hand (referral-assign.ts). */
    async assign(id: number, agencyId: number, note: string, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      const r = await db.transaction().execute((tx) => assignInTx(tx, ctx, id, agencyId, note, actor, at));
      await applyTimerChanges(ctx, r.timers);
      await enqueueNotifications(ctx, r.alerts, at);
      await enqueuePushes(ctx, [{ referralId: id, agencyId, clock: 'acknowledge', reason: 'new' }]);
      await publishReferral(ctx, id, 'referral:created');
      return detail(id, actor.user);
    },

    /**
     * The re-route clock ran out before anyone accepted (run by the SLA engine inside its transaction): the referral
     * expires and moves on to the next target. Null when it was no longer pending (accepted meanwhile).
     */
    async expireInTx(tx: Tx, id: number, at: Date): Promise<{ made: Made; stopped: TimerChanges } | null> {
      const row = await lockReferral(tx, id);
      if (!row || !(await transition(tx, id, ['pending'], { status: 'expired' }, at))) return null;
      await addEvent(tx, id, 'expired', at, null, {});
      return moveOn(tx, ctx, planner, row, at, 'expired');
    },

    /** After the SLA engine's transaction committed: timers, alerts and live events of what expireInTx made. */
    async afterExpiry(expired: { made: Made; stopped: TimerChanges }, id: number) {
      await applyTimerChanges(ctx, expired.stopped);
      await publishReferral(ctx, id, 'referral:updated');
      await afterMade(ctx, [expired.made]);
    },

    getRow: (id: number) => getReferralRow(db, id),
  };
}
export type ReferralsService = ReturnType<typeof createReferralsService>;
