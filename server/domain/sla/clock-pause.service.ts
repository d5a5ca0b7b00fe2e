import type { ClockKind, ReferralDetail } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { publishReferral } from '../referrals/referral-notify.js';
import { referralDetail } from '../referrals/referral-detail.js';
import { sealedText } from '../referrals/event-text.js';
import { addEvent, lockReferral } from '../referrals/referrals.repo.js';
import type { Actor } from '../referrals/referrals.service.js';
import { resumeShift } from './business-calendar.js';
import { loadDayRules } from './clock-policy.js';
import { nextEventAt } from './next-event.js';
import { applyTimerChanges } from './sla-timers.js';
import { ROOMS } from '../../../shared/index.js';
import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { SlaClocksTable } from '../../db/schema.js';
import { OFFICE_HOURS } from '../../../shared/schemas/agencies.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'crypto' | 'queues' | 'realtime' | 'log' | 'config'>;

/**
 * Pausing a clock (waiting until the victim can talk safely, for example) with a reason, and resuming it: the time
 * paused does not count, so due and warning times move on resume. Both are audited and on the referral's timeline.
 */
export function createClockPauseService(ctx: Ctx) {
  const { db, clock } = ctx;

  async function lockOwnClock(tx: Parameters<typeof lockReferral>[0], referralId: number, kind: ClockKind, actor: Actor) {
    const referral = await lockReferral(tx, referralId);
    if (!referral || (actor.user.role === 'agency_officer' && referral.agency_id !== actor.user.agencyId)) throw new NotFoundError('no such referral');
    if (kind === 'reroute') throw new ConflictError('the re-route timeout cannot be paused: accept or decline the referral', { kind: 're-route clocks do not pause' });
    const c = await tx.selectFrom('sla_clocks').selectAll().where('referral_id', '=', referralId).where('kind', '=', kind).forUpdate().executeTakeFirst();
    if (!c) throw new NotFoundError('this referral has no such clock');
    return { referral, c };
  }

  async function finish(referralId: number, agencyId: number | null, actor: Actor): Promise<ReferralDetail> {
    await publishReferral(ctx, referralId, 'referral:updated');
    ctx.realtime.emit([ROOMS.supervisors, ...(agencyId != null ? [ROOMS.agency(agencyId)] : [])], 'sla:changed', { referralIds: [referralId], escalated: false });
    return (await referralDetail(db, ctx.crypto, referralId, actor.user))!;
  }

  async function pauseRow(tx: Tx, clockId: number, at: Date, reason: string, by: number) {
    // Encrypted like the narrative: a reason such as "wait until Lan (0912…) is safe" names the victim.
    await tx.updateTable('sla_clocks').set({ state: 'paused', paused_at: at, pause_reason_enc: ctx.crypto.encrypt(reason), next_at: null, updated_at: at }).where('id', '=', clockId).execute();
    await tx.insertInto('sla_clock_pauses').values({ clock_id: clockId, paused_at: at, paused_by: by, reason_enc: ctx.crypto.encrypt(reason) }).execute();
  }

  /**
   * While the acknowledge clock is paused (the agency was asked to wait), the case must not move on to the next
   * agency either: the re-route timeout pauses with it. Returns the timer instant it no longer needs.
   */
  async function pauseReroute(tx: Tx, referralId: number, at: Date, reason: string, by: number): Promise<Date | null> {
    const r = await tx.selectFrom('sla_clocks').selectAll().where('referral_id', '=', referralId).where('kind', '=', 'reroute').forUpdate().executeTakeFirst();
    if (!r || r.state !== 'running' || r.due_at <= at) return null;
    await pauseRow(tx, r.id, at, reason, by);
    return r.next_at;
  }

  /** Resumes a paused clock: its due and warning times move on by the time paused (working time for business targets). */
  async function resumeRow(tx: Tx, c: Selectable<SlaClocksTable>, at: Date, note: string, by: number) {
    const business = c.calendar != null;
    const days = business ? await loadDayRules(tx) : null;
    const shift = (d: Date) => resumeShift(c.paused_at!, at, d, business, c.calendar ?? OFFICE_HOURS, days ?? { isHoliday: () => false, isWorkdayOverride: () => false });
    const due = shift(c.due_at);
    const warn = c.warn_at ? shift(c.warn_at) : null;
    const next = nextEventAt({ kind: c.kind, state: 'running', warn_at: warn, due_at: due, escalate_at: null, warned_at: c.warned_at, escalation_level: c.escalation_level });
    await tx.updateTable('sla_clocks')
      .set({ state: 'running', paused_at: null, pause_reason_enc: null, due_at: due, warn_at: warn, next_at: next, updated_at: at })
      .where('id', '=', c.id).execute();
    await tx.updateTable('sla_clock_pauses').set({ resumed_at: at, resumed_by: by, resume_note_enc: ctx.crypto.encryptNullable(note) })
      .where('clock_id', '=', c.id).where('resumed_at', 'is', null).execute();
    return { next, due };
  }

  return {
    async pause(referralId: number, kind: ClockKind, reason: string, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      const { agencyId, old } = await db.transaction().execute(async (tx) => {
        const { referral, c } = await lockOwnClock(tx, referralId, kind, actor);
        if (c.state !== 'running') throw new ConflictError(`cannot pause a clock that is ${c.state}`);
        if (c.due_at <= at) throw new ConflictError('this deadline has already passed: it can no longer be paused');
        const released = [c.next_at, ...(kind === 'acknowledge' ? [await pauseReroute(tx, referralId, at, reason, actor.user.id)] : [])];
        await pauseRow(tx, c.id, at, reason, actor.user.id);
        await addEvent(tx, referralId, 'clock_paused', at, actor.user.id, { clock: kind, ...sealedText(ctx.crypto, { reason }) });
        await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action: 'sla.clock.pause', entityType: 'referral', entityId: referralId, ...actor.origin, details: { clock: kind } });
        return { agencyId: referral.agency_id, old: released.filter((d): d is Date => d != null) };
      });
      await applyTimerChanges(ctx, { schedule: [], release: old });
      return finish(referralId, agencyId, actor);
    },

    async resume(referralId: number, kind: ClockKind, note: string, actor: Actor): Promise<ReferralDetail> {
      const at = clock.now();
      const { agencyId, next } = await db.transaction().execute(async (tx) => {
        const { referral, c } = await lockOwnClock(tx, referralId, kind, actor);
        if (c.state !== 'paused' || !c.paused_at) throw new ConflictError(`cannot resume a clock that is ${c.state}`);
        const { next, due } = await resumeRow(tx, c, at, note, actor.user.id);
        // The re-route timeout waited with the acknowledge clock: it resumes with it.
        const reroute = kind === 'acknowledge'
          ? await tx.selectFrom('sla_clocks').selectAll().where('referral_id', '=', referralId).where('kind', '=', 'reroute').where('state', '=', 'paused').forUpdate().executeTakeFirst()
          : undefined;
        const rerouteNext = reroute ? (await resumeRow(tx, reroute, at, note, actor.user.id)).next : null;
        await addEvent(tx, referralId, 'clock_resumed', at, actor.user.id, { clock: kind, pausedMs: at.getTime() - c.paused_at.getTime(), dueAt: due.toISOString(), ...sealedText(ctx.crypto, { note }) });
        await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action: 'sla.clock.resume', entityType: 'referral', entityId: referralId, ...actor.origin, details: { clock: kind } });
        return { agencyId: referral.agency_id, next: [next, rerouteNext].filter((d): d is Date => d != null) };
      });
      await applyTimerChanges(ctx, { schedule: next, release: [] });
      return finish(referralId, agencyId, actor);
    },
  };
}
