import type { AppContext } from '../../app-context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { createCallDesk } from './call-desk.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log' | 'voice'>;

/** The call of a contact this operator is on: answered by them and not ended (else 404/409 saying why). */
async function myLiveCall(ctx: Ctx, contactId: number, userId: number) {
  const c = await ctx.db.selectFrom('contacts').select(['id', 'twilio_sid', 'conference_sid', 'answered_by', 'claimed_by', 'ended_at', 'training'])
    .where('id', '=', contactId).executeTakeFirst();
  if (!c) throw new NotFoundError('no such contact');
  if (c.claimed_by !== userId || c.answered_by !== userId) throw new ConflictError('this call is not yours', { contactId: 'not yours' });
  if (c.ended_at) throw new ConflictError('this call has ended', { contactId: 'ended' });
  return c;
}

const simulated = (ctx: Ctx, c: { training: boolean }) => c.training || ctx.voice.mode === 'training';

/** The caller on hold (music) or back: the conference participant, through Twilio. The training line just says so. */
export async function holdCall(ctx: Ctx, contactId: number, hold: boolean, userId: number) {
  const c = await myLiveCall(ctx, contactId, userId);
  if (simulated(ctx, c)) return { hold };
  if (!c.conference_sid || !c.twilio_sid) throw new ConflictError('the call is not connected yet', { contactId: 'not connected' });
  await ctx.voice.hold({ conferenceSid: c.conference_sid, callSid: c.twilio_sid, hold });
  return { hold };
}

/**
 * Hangs up from the console. A Twilio call ends at Twilio (the conference ends, its callback ends the call here);
 * the training line's simulated call ends at once, through the same code.
 */
export async function hangupCall(ctx: Ctx, contactId: number, userId: number) {
  const c = await myLiveCall(ctx, contactId, userId);
  if (simulated(ctx, c)) await createCallDesk(ctx).callEnded(contactId, ctx.clock.now(), 'completed');
  else if (c.twilio_sid) await ctx.voice.hangup(c.twilio_sid);
  return { contactId };
}
