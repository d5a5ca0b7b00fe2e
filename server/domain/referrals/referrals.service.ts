import type { CloseBody, ReferralDetail, ReferralSummary, SessionUser, SupportBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor, Tx } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { RoutingPlanner, TrackPlan } from './planner.js';
import { enqueueNotifications, publishReferral, recordReferralAlerts } from './referral-notify.js';
import { writeReferral } from './referral-write.js';
import { markRouted } from '../routing/routing-outbox.js';
import { loadPolicy } from '../sla/clock-policy.js';
import { referralDetail } from './referral-views.js';
import { addEvent, getReferralRow, lockReferral, transition, type ReferralRow } from './referrals.repo.js';
import { meetClocks, startClocks, stopClocks, type TimerChanges } from '../sla/clocks.repo.js';
import { applyTimerChanges, mergeTimerChanges } from '../sla/sla-timers.js';

export type Actor = { user: SessionUser; origin: RequestOrigin };
type Ctx = Pick<AppContext, 'db' | 'crypto' | 'clock' | 'queues' | 'realtime' | 'log' | 'config'>;
/** A referral created in a transaction, with what must happen once it commits. */
type Made = { id: number; alerts: number[]; timers: TimerChanges; summary: ReferralSummary } | null;

/** Referral lifecycle: pending → accepted → in_progress → closed, or declined → re-routed, or the supervisor's queue. */
export function createReferralsService(ctx: Ctx, planner: RoutingPlanner) {
  const { db, clock } = ctx;

  /**
   * Writes one planned referral with its first events, clocks and alerts (one statement: referral-write.ts); null
   * when it already exists (idempotent). `markRouted`: the routing request is done with it.
   */
  async function materialise(
    ex: Executor, contactId: number, plan: TrackPlan, at: Date, previousReferralId: number | null, actorId: number | null, markRouted = false,
  ): Promise<Made> {
    if (plan.kind === 'skip') return null;
    const agency = plan.kind === 'agency'
      // The deadlines start with the referral, in the same statement: a referral never exists without its clocks.
      ? { focalPhones: plan.focalPhones, policy: await loadPolicy(db, plan.priority), rerouteMinutes: plan.timeoutMinutes }
      : null;
    const w = await writeReferral(ex, ctx, {
      contactId, track: plan.track, agencyId: agency ? plan.agencyId : null, priority: plan.priority, ruleId: plan.ruleId,
      targetIndex: plan.targetIndex, why: plan.why, previousReferralId, at, agency, markRouted,
      event: { type: agency ? 'created' : 'needs_supervisor', actorUserId: actorId, details: { why: plan.why, previousReferralId } },
    });
    return w && { id: w.id, alerts: w.alerts, timers: { schedule: w.schedule, release: [] }, summary: w.summary };
  }

  async function after(created: Made[], previousAgencyId?: number | null) {
    for (const c of created) {
      if (!c) continue;
      await applyTimerChanges(ctx, c.timers);
      await enqueueNotifications(ctx, c.alerts);
      await publishReferral(ctx, c.id, 'referral:created', previousAgencyId, c.summary);
    }
  }

  /** After a decline or an expiry: the next target, or the supervisor's queue. The old referral's clocks stop. */
  async function moveOn(tx: Tx, row: ReferralRow, at: Date, why: 'declined' | 'expired'): Promise<{ made: Made; stopped: TimerChanges }> {
    const stopped = await stopClocks(tx, row.id, at, why);
    const next = await planner.planNext({ ...row, status: why });
    // Even an optional track (Border Guard) that was declined goes to the supervisor: a declined case never vanishes.
    const made = await materialise(tx, row.contact_id, next.kind === 'skip' ? { ...next, kind: 'supervisor', agencyId: null } : next, at, row.id, null);
    await addEvent(tx, row.id, 'rerouted', at, null, { to: made?.id ?? null, kind: next.kind });
    return { made, stopped };
  }

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
     * The routing worker's job: every track for a classified contact, atomically (one statement for the usual
     * single track, a transaction for several). Safe to run twice. `markRouted`: the routing request is done with it.
     */
    async routeContact(contactId: number, opts: { markRouted?: boolean } = {}): Promise<number[]> {
      const plans = (await planner.planCase(contactId)).filter((p) => p.kind !== 'skip');
      const at = clock.now();
      const mark = opts.markRouted ?? false;
      if (plans.length === 0) {
        if (mark) await markRouted(db, contactId, at);
        return [];
      }
      const created = plans.length === 1
        ? [await materialise(db, contactId, plans[0]!, at, null, null, mark)]
        : await db.transaction().execute(async (tx) => {
          const made: Made[] = [];
          for (const [i, p] of plans.entries()) made.push(await materialise(tx, contactId, p, at, null, null, mark && i === 0));
          return made;
        });
      await after(created);
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
        return meetClocks(tx, id, ['acknowledge', 'reroute'], at);
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return this.view(id, actor);
    },

    /** Declining needs a reason; the case moves on to the next target at once, or to the supervisor. */
    async decline(id: number, reason: string, actor: Actor) {
      const at = clock.now();
      let row!: ReferralRow;
      const created = await db.transaction().execute(async (tx) => {
        row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!(await transition(tx, id, ['pending'], { status: 'declined', decline_reason: reason }, at)))
          throw new ConflictError(`cannot decline a referral that is ${row.status}`);
        await addEvent(tx, id, 'declined', at, actor.user.id, { reason });
        await audit(tx, actor, 'referral.decline', id);
        return moveOn(tx, row, at, 'declined');
      });
      await applyTimerChanges(ctx, created.stopped);
      await publishReferral(ctx, id, 'referral:updated');
      await after([created.made], row.agency_id);
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
        return meetClocks(tx, id, ['first_action'], at);
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return detail(id, actor.user);
    },

    async close(id: number, body: CloseBody, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = assertOwn(await lockReferral(tx, id), actor.user);
        if (!(await transition(tx, id, ['accepted', 'in_progress'], { status: 'closed', closed_at: at, outcome: body.outcome, outcome_reason: body.reason }, at)))
          throw new ConflictError(`cannot close a referral that is ${row.status}`);
        await addEvent(tx, id, 'closed', at, actor.user.id, { outcome: body.outcome, reason: body.reason });
        await audit(tx, actor, 'referral.close', id, { outcome: body.outcome });
        // Closing meets the close deadline; a first action never recorded is stopped, not counted as met.
        return mergeTimerChanges(await meetClocks(tx, id, ['close'], at), await stopClocks(tx, id, at, 'closed'));
      }).then((timers) => applyTimerChanges(ctx, timers));
      await publishReferral(ctx, id, 'referral:updated');
      return detail(id, actor.user);
    },

    /** A supervisor hands a referral nobody took to an agency chosen by hand. */
    async assign(id: number, agencyId: number, note: string, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      const alerts = await db.transaction().execute(async (tx) => {
        const row = await lockReferral(tx, id);
        if (!row) throw new NotFoundError('no such referral');
        const agency = await tx.selectFrom('agencies').select(['id', 'active']).where('id', '=', agencyId).executeTakeFirst();
        if (!agency || !agency.active) throw new ValidationError('unknown or inactive agency', { agencyId: 'no active agency with this id' });
        const taken = await tx.selectFrom('referrals').select('id').where('contact_id', '=', row.contact_id).where('track', '=', row.track).where('agency_id', '=', agencyId).executeTakeFirst();
        if (taken) throw new ConflictError('this agency already had this case on this track', { agencyId: 'already tried' });
        if (!(await transition(tx, id, ['needs_supervisor'], { status: 'pending', agency_id: agencyId }, at)))
          throw new ConflictError(`only a referral waiting for a supervisor can be assigned (this one is ${row.status})`);
        await addEvent(tx, id, 'assigned', at, actor.user.id, { agencyId, note });
        await audit(tx, actor, 'referral.assign', id, { agencyId });
        // A supervisor's choice has no next target to fall back to: the SLA clocks run, the re-route clock does not.
        const timers = await startClocks(tx, { referralId: id, priority: row.priority, at, rerouteMinutes: null });
        return { alerts: await recordReferralAlerts(tx, ctx, id, at), timers };
      }).then(async (r) => {
        await applyTimerChanges(ctx, r.timers);
        return r.alerts;
      });
      await enqueueNotifications(ctx, alerts);
      await publishReferral(ctx, id, 'referral:created');
      return detail(id, actor.user);
    },

    /**
     * The re-route clock ran out before anyone accepted (run by the SLA engine inside its transaction): the referral
     * expires and moves on to the next target. Null when it was no longer pending (accepted meanwhile).
     */
    async expireInTx(tx: Tx, id: number, at: Date): Promise<{ made: Made; stopped: TimerChanges; previousAgencyId: number | null } | null> {
      const row = await lockReferral(tx, id);
      if (!row || !(await transition(tx, id, ['pending'], { status: 'expired' }, at))) return null;
      await addEvent(tx, id, 'expired', at, null, {});
      return { ...(await moveOn(tx, row, at, 'expired')), previousAgencyId: row.agency_id };
    },

    /** After the SLA engine's transaction committed: timers, alerts and live events of what expireInTx made. */
    async afterExpiry(expired: { made: Made; stopped: TimerChanges; previousAgencyId: number | null }, id: number) {
      await applyTimerChanges(ctx, expired.stopped);
      await publishReferral(ctx, id, 'referral:updated');
      await after([expired.made], expired.previousAgencyId);
    },

    getRow: (id: number) => getReferralRow(db, id),
  };
}
export type ReferralsService = ReturnType<typeof createReferralsService>;
