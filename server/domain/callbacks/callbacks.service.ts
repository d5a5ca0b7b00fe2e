import { ROOMS, type CallbackOutcome, type CallbackReason, type CallbackStatus } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import { contactEvents } from '../contacts/contact-events.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { meetCallbackClock, startCallbackClock, stopCallbackClock } from '../sla/callback-clocks.js';
import { scheduleTicks } from '../sla/sla-timers.js';
import type { Actor } from '../voice/call-desk.js';
import { openCallback } from './callbacks.repo.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log' | 'voice' | 'queues'>;

/** How a finished callback leaves its contact: closed with what the call was, or back in the queue for another try. */
const CLOSING: Partial<Record<CallbackOutcome, { status: CallbackStatus; callType: 'hang_up' | 'wrong_number' }>> = {
  wrong_number: { status: 'wrong_number', callType: 'wrong_number' },
};

/**
 * Missed calls called back: a task with its own SLA clock (the first attempt within CALLBACK_FIRST_ATTEMPT_MINUTES),
 * up to CALLBACK_MAX_ATTEMPTS attempts, each with its outcome. Reached: the operator goes on with the contact as
 * with any call. No answer: back to the queue for the next attempt, or closed after the last. Wrong number: closed.
 */
export function createCallbacksService(ctx: Ctx) {
  const { db, clock } = ctx;
  const events = contactEvents(ctx);
  const changed = (contactId: number) => ctx.realtime.emit([ROOMS.operators, ROOMS.supervisors], 'callbacks:changed', { contactIds: [contactId] });

  async function held(contactId: number, actor: Actor) {
    const c = await db.selectFrom('contacts as c').innerJoin('callbacks as cb', 'cb.contact_id', 'c.id')
      .select(['c.id', 'c.claimed_by', 'c.training', 'cb.id as callback_id', 'cb.status', 'cb.attempts'])
      .where('c.id', '=', contactId).executeTakeFirst();
    if (!c) throw new NotFoundError('no callback for this contact');
    if (c.claimed_by !== actor.user.id) throw new ConflictError('claim this callback first', { contactId: 'not yours' });
    if (c.status !== 'open') throw new ConflictError('this callback is finished', { contactId: c.status });
    return c;
  }

  return {
    /** A call nobody answered: the task and its clock (once per contact). */
    async missedCall(contactId: number, reason: CallbackReason, at: Date) {
      const id = await openCallback(db, contactId, reason, at);
      if (id == null) return null;
      const next = await startCallbackClock(db, id, at, ctx.config.CALLBACK_FIRST_ATTEMPT_MINUTES);
      if (next) await scheduleTicks(ctx, [next]).catch((e) => ctx.log.warn(`callback clock timer deferred: ${(e as Error).message}`));
      changed(contactId);
      return id;
    },

    /** An attempt starts (the call rings out from the softphone, or the training device): the clock is met. */
    async start(contactId: number, actor: Actor) {
      const now = clock.now();
      const c = await held(contactId, actor);
      if (c.attempts >= ctx.config.CALLBACK_MAX_ATTEMPTS) throw new ConflictError('no attempts left', { contactId: 'attempts' });
      const attemptId = await db.transaction().execute(async (tx) => {
        const a = await tx.insertInto('callback_attempts').values({ callback_id: c.callback_id, operator_id: actor.user.id, started_at: now })
          .returning('id').executeTakeFirstOrThrow();
        await tx.updateTable('callbacks').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', c.callback_id).execute();
        await meetCallbackClock(tx, c.callback_id, now);
        await audit(tx, actor, 'callback.attempt', contactId);
        return a.id;
      });
      changed(contactId);
      return { attemptId, training: c.training || ctx.voice.mode === 'training' };
    },

    async outcome(attemptId: number, outcome: CallbackOutcome, actor: Actor) {
      const now = clock.now();
      const a = await db.selectFrom('callback_attempts as a').innerJoin('callbacks as cb', 'cb.id', 'a.callback_id')
        .select(['a.id', 'a.operator_id', 'a.outcome', 'cb.id as callback_id', 'cb.contact_id', 'cb.attempts', 'cb.status'])
        .where('a.id', '=', attemptId).executeTakeFirst();
      if (!a || a.operator_id !== actor.user.id) throw new NotFoundError('no such callback attempt');
      if (a.outcome) throw new ConflictError('this attempt already has its outcome', { attemptId: a.outcome });
      const last = a.attempts >= ctx.config.CALLBACK_MAX_ATTEMPTS;
      const closing = outcome === 'reached' ? null : CLOSING[outcome] ?? (last ? { status: 'failed' as const, callType: 'hang_up' as const } : null);
      const status: CallbackStatus = outcome === 'reached' ? 'reached' : closing?.status ?? 'open';
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('callback_attempts').set({ outcome, ended_at: now }).where('id', '=', attemptId).execute();
        await tx.updateTable('callbacks').set({ status, ...(status !== 'open' && { closed_at: now, closed_by: actor.user.id }) }).where('id', '=', a.callback_id).execute();
        if (closing) await closeContact(tx, a.contact_id, closing.callType, actor.user.id, now);
        else if (status === 'open') await tx.updateTable('contacts').set({ status: 'queued', claimed_by: null, claimed_at: null }).where('id', '=', a.contact_id).execute();
        if (status !== 'open') await stopCallbackClock(tx, a.callback_id, now);
        await audit(tx, actor, 'callback.outcome', a.contact_id, { outcome });
      });
      changed(a.contact_id);
      await events.updated(a.contact_id);
      return { status, attempts: a.attempts };
    },
  };

  async function audit(tx: Executor, actor: Actor, action: string, contactId: number, details?: Record<string, unknown>) {
    await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action, entityType: 'contact', entityId: contactId, ...actor.origin, details });
  }
}
export type CallbacksService = ReturnType<typeof createCallbacksService>;

/** A callback that cannot go on closes its contact as what the call was: a hang-up nobody reached, or a wrong number. */
async function closeContact(tx: Executor, contactId: number, callType: 'hang_up' | 'wrong_number', userId: number, at: Date) {
  await tx.updateTable('contacts')
    .set({ status: 'closed', call_type: callType, classification: 'not_relevant', closed_at: at, closed_by: userId })
    .where('id', '=', contactId).execute();
}
