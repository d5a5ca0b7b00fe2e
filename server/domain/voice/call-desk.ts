import { sql } from 'kysely';
import { ROOMS, type SessionUser, type SettableStatus } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactEvents } from '../contacts/contact-events.js';
import { claimContact } from '../contacts/contacts.repo.js';
import { ConflictError, NotFoundError, UnavailableError } from '../errors.js';
import { distributorFor } from './distribution.js';
import { operatorIdentity } from './identity.js';
import { lockOffer } from './offers.repo.js';
import { endWrapUp, getStatus, setStatus } from './operator-status.repo.js';
import { CallGoneError, type OperatorEndpoint } from './voice-port.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log' | 'voice'>;
export type Actor = { user: SessionUser; origin: RequestOrigin };

/**
 * An operator's side of the phone line: their status, the calls offered to them, putting a call through (whether
 * offered or taken from the queue), and the wrap-up after it. Exactly one operator ever gets a call: accepting is the
 * same conditional claim as taking it from the queue, in the transaction that ends the offer.
 */
export function createCallDesk(ctx: Ctx) {
  const { db, clock } = ctx;
  const distributor = distributorFor(ctx);
  const events = contactEvents(ctx);

  async function endpointOf(userId: number): Promise<OperatorEndpoint> {
    const u = await db.selectFrom('users').select(['voice_device', 'voice_address']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (u.voice_device === 'phone' && u.voice_address) return { kind: 'phone', number: u.voice_address };
    if (u.voice_device === 'sip' && u.voice_address) return { kind: 'sip', uri: u.voice_address };
    return { kind: 'softphone', identity: operatorIdentity(ctx.config.SESSION_SECRET, userId) };
  }

  /** Puts an answered call through to the operator's endpoint; a caller already gone ends the call instead. */
  async function connect(contactId: number, userId: number): Promise<void> {
    const c = await db.selectFrom('contacts').select(['twilio_sid', 'training']).where('id', '=', contactId).executeTakeFirstOrThrow();
    const training = c.training || ctx.voice.mode === 'training';
    try {
      const { operatorCallSid } = training || !c.twilio_sid
        ? { operatorCallSid: null }
        : await ctx.voice.connect({ contactId, callSid: c.twilio_sid, endpoint: await endpointOf(userId) });
      if (operatorCallSid) await db.updateTable('contacts').set({ operator_call_sid: operatorCallSid }).where('id', '=', contactId).execute();
      ctx.realtime.emit(ROOMS.user(userId), 'call:connecting', { contactId, operatorCallSid, training });
    } catch (err) {
      if (err instanceof CallGoneError) return callEnded(contactId, clock.now(), 'completed');
      // Twilio did not answer: the call stays in its queue, so the contact goes back to the queue too (offered again).
      ctx.log.error(`putting call ${contactId} through failed: ${(err as Error).message}`);
      await undoAnswer(contactId, userId);
      throw new UnavailableError('the call could not be put through (Twilio did not answer): it is back in the queue, try again', { contactId: 'not connected' });
    }
  }

  async function undoAnswer(contactId: number, userId: number) {
    const now = clock.now();
    await db.updateTable('contacts').set({ status: 'queued', claimed_by: null, claimed_at: null, answered_at: null, answered_by: null, wait_seconds: null, call_status: 'queued' })
      .where('id', '=', contactId).where('claimed_by', '=', userId).execute();
    await setStatus(db, userId, 'available', now, { onlyFrom: ['on_call'] });
    await events.updated(contactId);
    distributor.kick();
  }

  /** The caller's call is over (hung up, dropped, completed): the operator holding it moves to wrap-up. */
  async function callEnded(contactId: number, at: Date, status: string) {
    const row = await db.updateTable('contacts')
      .set((eb) => ({ ended_at: eb.fn.coalesce('ended_at', eb.val(at)), call_status: status }))
      .where('id', '=', contactId)
      .returning(['claimed_by', 'answered_by', 'status'])
      .executeTakeFirst();
    if (!row) return;
    await distributor.endOffers({ contactId }, 'caller_left');
    const op = row.answered_by ?? row.claimed_by;
    if (op != null) {
      // Wrap-up until the contact is saved, at most WRAP_UP_MAX_SECONDS; saved during the call already: available.
      const until = new Date(at.getTime() + ctx.config.WRAP_UP_MAX_SECONDS * 1000);
      if (row.status === 'closed') await setStatus(db, op, 'available', at, { onlyFrom: ['on_call'] });
      else await setStatus(db, op, 'wrap_up', at, { onlyFrom: ['on_call'], wrapUpContactId: contactId, wrapUpUntil: until });
      ctx.realtime.emit(ROOMS.user(op), 'call:ended', { contactId });
      ctx.realtime.presenceChanged();
      if (row.status === 'closed') distributor.kick();
    }
    await events.updated(contactId);
  }

  /** An operator is available again (their status already written, e.g. with their wrap-up): the next call may ring. */
  function becameAvailable() {
    distributor.kick();
    ctx.realtime.presenceChanged();
  }

  return {
    connect,
    callEnded,

    /** The operator sets their own status; on a call it follows the call. Leaving 'available' withdraws a ringing offer. */
    async setOwnStatus(status: SettableStatus, actor: Actor) {
      const now = clock.now();
      const current = await getStatus(db, actor.user.id);
      if (current?.status === 'on_call' && status !== 'offline') throw new ConflictError('finish the call first', { status: 'on a call' });
      await setStatus(db, actor.user.id, status, now);
      if (status === 'available') distributor.kick();
      else await distributor.endOffers({ operatorId: actor.user.id }, 'declined');
      ctx.realtime.presenceChanged();
      return { status, since: now.toISOString() };
    },

    /** Accepts a ringing offer: the call is this operator's (or 409: rang out, taken, ended) and is put through. */
    async accept(offerId: number, actor: Actor): Promise<number> {
      const now = clock.now();
      const contactId = await db.transaction().execute(async (tx) => {
        const offer = await lockOffer(tx, offerId);
        if (!offer || offer.operator_id !== actor.user.id) throw new NotFoundError('no such call offer');
        if (offer.state !== 'ringing' || offer.expires_at <= now) throw new ConflictError('this call is no longer offered to you', { offerId: offer.state });
        if (!(await claimContact(tx, offer.contact_id, actor.user.id, now))) {
          await tx.updateTable('call_offers').set({ state: 'cancelled', ended_at: now }).where('id', '=', offerId).execute();
          throw new ConflictError('another operator already took this call', { offerId: 'taken' });
        }
        await tx.updateTable('call_offers').set({ state: 'accepted', ended_at: now }).where('id', '=', offerId).execute();
        await answered(tx, offer.contact_id, actor.user.id, now);
        await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action: 'contact.claim', entityType: 'contact', entityId: offer.contact_id, ...actor.origin, details: { via: 'offer' } });
        return offer.contact_id;
      });
      distributor.announceEnded([{ id: offerId, contact_id: contactId, operator_id: actor.user.id, expires_at: now, state: 'accepted' }], 'accepted');
      await events.updated(contactId);
      await connect(contactId, actor.user.id);
      return contactId;
    },

    async decline(offerId: number, actor: Actor) {
      const [o] = await distributor.endOffers({ offerId, operatorId: actor.user.id }, 'declined');
      if (!o) throw new ConflictError('this call is no longer offered to you', { offerId: 'ended' });
      return { offerId };
    },

    /**
     * A claim from the queue (pull) took a waiting call: its ringing offer ends ("taken"), and the call is put
     * through to this operator as if they had accepted it.
     */
    async claimed(contactId: number, userId: number) {
      const now = clock.now();
      const c = await db.selectFrom('contacts').select(['channel', 'ended_at', 'answered_at']).where('id', '=', contactId).executeTakeFirst();
      if (!c || c.channel !== 'voice' || c.ended_at || c.answered_at) return;
      await distributor.endOffers({ contactId }, 'taken');
      await answered(db, contactId, userId, now);
      await connect(contactId, userId);
    },

    /** The contact the operator was wrapping up is saved (or handed back): they are available for the next call. */
    async wrapUpDone(contactId: number, userId: number) {
      if (await endWrapUp(db, userId, contactId, clock.now())) becameAvailable();
    },

    becameAvailable,
  };

  /** The call is this operator's: answered now, how long the caller waited, the operator on the call. */
  async function answered(tx: Executor, contactId: number, userId: number, at: Date) {
    await sql`update contacts set answered_at = ${at}, answered_by = ${userId}, call_status = 'in-progress',
                wait_seconds = greatest(0, extract(epoch from (${at}::timestamptz - received_at)))::int
              where id = ${contactId}`.execute(tx);
    await setStatus(tx, userId, 'on_call', at);
  }
}
export type CallDesk = ReturnType<typeof createCallDesk>;
