import { TERMINAL_CALL_STATUSES, type CallbackReason } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { createCallbacksService } from '../callbacks/callbacks.service.js';
import { contactEvents } from '../contacts/contact-events.js';
import { createCallDesk } from './call-desk.js';
import { distributorFor } from './distribution.js';
import { setStatus } from './operator-status.repo.js';
import { voiceUrl } from './twilio-voice.js';
import { CallGoneError } from './voice-port.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log' | 'voice' | 'queues'>;

/** Twilio's final call statuses: once one is recorded, no late "ringing" or "in-progress" replaces it. */

/**
 * What happens to a call after it reached the queue, told by Twilio's callbacks (or by the training line): it left the
 * queue, the caller left a message, the operator's phone did not answer, the conference started and ended, a
 * recording is ready. A call nobody answered becomes a callback task; an answered call that ends puts its operator
 * in wrap-up.
 */
export function createCallLifecycle(ctx: Ctx) {
  const { db, clock } = ctx;
  const desk = createCallDesk(ctx);
  const distributor = distributorFor(ctx);
  const events = contactEvents(ctx);
  const callbacks = createCallbacksService(ctx);

  const byCallSid = (callSid: string) =>
    db.selectFrom('contacts').select(['id', 'answered_at', 'ended_at', 'queue_result', 'claimed_by', 'conference_sid', 'twilio_sid'])
      .where('twilio_sid', '=', callSid).executeTakeFirst();
  const byId = (id: number) =>
    db.selectFrom('contacts').select(['id', 'answered_at', 'ended_at', 'queue_result', 'claimed_by', 'conference_sid', 'twilio_sid'])
      .where('id', '=', id).executeTakeFirst();

  /** The caller is gone before anyone answered: a callback task, in the queue until someone reaches them. */
  async function missed(contactId: number, reason: CallbackReason, at: Date) {
    const ringing = await db.selectFrom('call_offers').select('id').where('contact_id', '=', contactId).where('state', '=', 'ringing').executeTakeFirst();
    await db.updateTable('contacts')
      .set((eb) => ({ ended_at: eb.fn.coalesce('ended_at', eb.val(at)), call_status: 'completed', ...(reason === 'voicemail' && { voicemail: true }) }))
      .where('id', '=', contactId).execute();
    await distributor.endOffers({ contactId }, 'caller_left');
    const why = reason === 'abandoned_queue' && ringing ? 'abandoned_ringing' : reason;
    await callbacks.missedCall(contactId, why, at);
    await events.updated(contactId);
  }

  /** The operator's phone did not answer: the caller goes back into the queue, the contact back to the next operator. */
  async function operatorMissed(contactId: number, operatorId: number, callerSid: string | null) {
    const at = clock.now();
    await db.updateTable('contacts').set({ status: 'queued', claimed_by: null, claimed_at: null, answered_at: null, answered_by: null, call_status: 'queued' })
      .where('id', '=', contactId).where('claimed_by', '=', operatorId).execute();
    await setStatus(db, operatorId, 'break', at, { onlyFrom: ['on_call'] });
    try {
      if (callerSid) await ctx.voice.redirect(callerSid, voiceUrl(ctx.config.PUBLIC_BASE_URL, 'requeue'));
    } catch (err) {
      if (!(err instanceof CallGoneError)) throw err;
      return missed(contactId, 'dropped', at);
    }
    await events.updated(contactId);
    ctx.realtime.presenceChanged();
    distributor.kick();
  }

  return {
    missed,
    callEnded: desk.callEnded,
    byCallSid,

    /** The Enqueue's action: why the call left the queue. 'leave' → the voice message is offered. */
    async queueResult(p: { callSid: string; result: string; queueTime: number | null }): Promise<'voicemail' | 'done' | 'unknown'> {
      const c = await byCallSid(p.callSid);
      if (!c) return 'unknown';
      await db.updateTable('contacts').set({ queue_result: p.result, ...(c.answered_at == null && p.queueTime != null && { wait_seconds: p.queueTime }) })
        .where('id', '=', c.id).execute();
      if (p.result === 'hangup') await missed(c.id, 'abandoned_queue', clock.now());
      return ['leave', 'error', 'system-error'].includes(p.result) && c.answered_at == null ? 'voicemail' : 'done';
    },

    async voicemail(contactId: number) {
      await missed(contactId, 'voicemail', clock.now());
    },

    async operatorLeg(contactId: number, status: string) {
      if (!['no-answer', 'busy', 'failed', 'canceled'].includes(status)) return;
      const c = await byId(contactId);
      if (!c || c.conference_sid || c.claimed_by == null || c.ended_at) return;
      await operatorMissed(contactId, c.claimed_by, c.twilio_sid);
    },

    async conference(contactId: number, event: string, conferenceSid: string | null) {
      if (event === 'conference-start' && conferenceSid)
        await db.updateTable('contacts').set({ conference_sid: conferenceSid }).where('id', '=', contactId).execute();
      if (event === 'conference-end') await desk.callEnded(contactId, clock.now(), 'completed');
    },

    async recording(contactId: number, r: { sid: string; url: string | null; status: string; seconds: number | null }) {
      await db.updateTable('contacts')
        .set({ recording_sid: r.sid, recording_status: r.status, recording_seconds: r.seconds, ...(r.url && { recording_url: r.url }) })
        .where('id', '=', contactId).execute();
    },

    /** The number's status callback: a final status ends the call; never answered and never queued → a missed call. */
    async numberStatus(p: { callSid: string; status: string | null; duration: number | null }) {
      const c = await byCallSid(p.callSid);
      if (!c) return null;
      if (p.duration != null) await db.updateTable('contacts').set({ duration_seconds: p.duration }).where('id', '=', c.id).execute();
      if (!p.status || !(TERMINAL_CALL_STATUSES as readonly string[]).includes(p.status)) return c.id;
      if (c.answered_at) await desk.callEnded(c.id, clock.now(), p.status);
      else if (!c.ended_at) await missed(c.id, 'abandoned_queue', clock.now());
      return c.id;
    },
  };
}
export type CallLifecycle = ReturnType<typeof createCallLifecycle>;
