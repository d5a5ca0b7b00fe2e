import { io, type Socket } from 'socket.io-client';
import { login, type BenchEnv } from './env.js';
import { now } from './stats.js';

export interface Desk {
  /** When each call first rang in a console (bench clock). */
  firstOffer: Map<number, number>;
  answered(): number;
  /** Moments a call rang in two consoles at once (must be 0). */
  overlaps(): number;
  /** Offers that rang out and went to the next operator. */
  reoffers(): number;
  close(): void;
}

interface Offer {
  offerId: number;
  contactId: number;
}

/**
 * One console per operator, available: each accepts whatever rings, the call ends (`endCall`: the conference-end
 * webhook Twilio would send) and the operator wraps it up (not relevant), available for the next call, like a
 * counsellor on a short call.
 */
export async function openConsoles(env: BenchEnv, users: { username: string; password: string }[], endCall: (contactId: number) => Promise<unknown>): Promise<Desk> {
  const firstOffer = new Map<number, number>();
  const ringing = new Map<number, number>(); // contact → console index ringing it
  let answered = 0;
  let overlaps = 0;
  let reoffers = 0;
  const sockets: Socket[] = [];
  for (const [i, u] of users.entries()) {
    const s = io(env.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: await login(env.baseUrl, u.username, u.password) } });
    await new Promise((r) => s.once('session:ready', r));
    s.on('call:offered', (o: Offer) => {
      const at = now();
      if (!firstOffer.has(o.contactId)) firstOffer.set(o.contactId, at);
      if (ringing.has(o.contactId) && ringing.get(o.contactId) !== i) overlaps++;
      ringing.set(o.contactId, i);
      void accept(s, i, o);
    });
    s.on('call:offer-ended', (e: { contactId: number; reason: string }) => {
      if (ringing.get(e.contactId) === i) ringing.delete(e.contactId);
      if (e.reason === 'expired') reoffers++;
    });
    const status = (await s.timeout(5000).emitWithAck('operator:status', { status: 'available' })) as { error?: unknown };
    if (status.error) throw new Error(`operator ${u.username} could not go available: ${JSON.stringify(status.error)}`);
    sockets.push(s);
  }

  async function accept(s: Socket, i: number, o: Offer) {
    const r = (await s.timeout(10_000).emitWithAck('call:accept', { offerId: o.offerId })) as { data?: unknown; error?: unknown };
    if (ringing.get(o.contactId) === i) ringing.delete(o.contactId);
    if (!r.data) return;
    answered++;
    await endCall(o.contactId);
    await s.timeout(10_000).emitWithAck('contact:wrap-up', { contactId: o.contactId, wrapUp: { callType: 'information', classification: 'not_relevant' } });
  }

  return {
    firstOffer,
    answered: () => answered,
    overlaps: () => overlaps,
    reoffers: () => reoffers,
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}
