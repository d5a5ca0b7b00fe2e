import type { CallOffer, OfferEndReason } from '../../../shared/index.js';

/**
 * The phone of one console, as a pure state machine: the line (the softphone's registration or the training
 * device), the offer ringing here, and the call in progress. Events come from the server (offers, connecting,
 * ended) and from the softphone (answered, hung up, muted) in any order; an ended call stays ended.
 */
export type LineState = 'off' | 'starting' | 'ready' | 'error';
/** Why the softphone cannot take calls: the browser refused the microphone, no token, or the SDK failed. */
export type PhoneProblem = 'microphone' | 'token' | 'device' | 'unsupported';

export interface PhoneCall {
  contactId: number;
  /** A call put through to this operator, or a callback ringing out from here. */
  kind: 'inbound' | 'callback';
  training: boolean;
  /** connecting: ringing this softphone or the callee; active: talking (the timer runs); ended. */
  phase: 'connecting' | 'active' | 'ended';
  connectedAt: number | null;
  endedAt: number | null;
  muted: boolean;
  held: boolean;
  attemptId: number | null;
}

export interface PhoneState {
  line: LineState;
  problem: PhoneProblem | null;
  offer: CallOffer | null;
  /** The last offer that stopped ringing here without being accepted here, and why (shown briefly). */
  lastOfferEnd: { contactId: number; reason: OfferEndReason } | null;
  call: PhoneCall | null;
}

export type PhoneAction =
  | { type: 'line'; line: LineState; problem?: PhoneProblem | null }
  | { type: 'problem'; problem: PhoneProblem | null }
  | { type: 'offered'; offer: CallOffer }
  /** quiet: this console ended it (accepted, declined, or its accept failed with a message of its own). */
  | { type: 'offer-ended'; offerId: number; contactId: number; reason: OfferEndReason; quiet?: boolean }
  | { type: 'connecting'; contactId: number; training: boolean; at: number }
  | { type: 'dialing'; contactId: number; attemptId: number; training: boolean }
  | { type: 'answered'; contactId: number; at: number }
  | { type: 'ended'; contactId: number; at: number }
  | { type: 'muted'; muted: boolean }
  | { type: 'held'; held: boolean }
  | { type: 'restore'; contactId: number; training: boolean; connectedAt: number }
  | { type: 'outcome-recorded' }
  | { type: 'dismiss' };

export const initialPhone: PhoneState = { line: 'off', problem: null, offer: null, lastOfferEnd: null, call: null };

const newCall = (p: Pick<PhoneCall, 'contactId' | 'kind' | 'training'> & Partial<PhoneCall>): PhoneCall => ({
  phase: 'connecting', connectedAt: null, endedAt: null, muted: false, held: false, attemptId: null, ...p,
});

/** The call of this contact, still going: late events about another or an ended call change nothing. */
const live = (s: PhoneState, contactId: number) => (s.call && s.call.contactId === contactId && s.call.phase !== 'ended' ? s.call : null);

export function phoneReducer(s: PhoneState, a: PhoneAction): PhoneState {
  switch (a.type) {
    case 'line':
      return { ...s, line: a.line, problem: a.problem === undefined ? s.problem : a.problem };
    case 'problem':
      return { ...s, problem: a.problem };
    case 'offered':
      return { ...s, offer: a.offer, lastOfferEnd: null };
    case 'offer-ended': {
      if (s.offer?.offerId !== a.offerId) return s;
      const shown = a.quiet || a.reason === 'accepted' || a.reason === 'declined' ? null : { contactId: a.contactId, reason: a.reason };
      return { ...s, offer: null, lastOfferEnd: shown };
    }
    case 'connecting': {
      const offer = s.offer?.contactId === a.contactId ? null : s.offer;
      if (s.call?.contactId === a.contactId && s.call.phase !== 'connecting') return { ...s, offer };
      // The training line has no audio to wait for: the simulated call is up at once.
      const call = newCall({ contactId: a.contactId, kind: 'inbound', training: a.training });
      return { ...s, offer, call: a.training ? { ...call, phase: 'active', connectedAt: a.at } : call };
    }
    case 'dialing':
      return { ...s, call: newCall({ contactId: a.contactId, kind: 'callback', training: a.training, attemptId: a.attemptId }) };
    case 'answered': {
      const c = live(s, a.contactId);
      if (!c || c.phase === 'active') return s;
      return { ...s, call: { ...c, phase: 'active', connectedAt: a.at } };
    }
    case 'ended': {
      const c = live(s, a.contactId);
      return c ? { ...s, call: { ...c, phase: 'ended', endedAt: a.at, held: false } } : s;
    }
    case 'muted':
      return s.call && s.call.phase !== 'ended' ? { ...s, call: { ...s.call, muted: a.muted } } : s;
    case 'held':
      return s.call && s.call.phase === 'active' ? { ...s, call: { ...s.call, held: a.held } } : s;
    case 'restore':
      if (s.call && s.call.phase !== 'ended') return s;
      return { ...s, call: newCall({ contactId: a.contactId, kind: 'inbound', training: a.training, phase: 'active', connectedAt: a.connectedAt }) };
    case 'outcome-recorded':
      if (!s.call) return s;
      return { ...s, call: s.call.phase === 'ended' ? null : { ...s.call, attemptId: null } };
    case 'dismiss':
      return { ...s, lastOfferEnd: null, call: s.call?.phase === 'ended' ? null : s.call };
  }
}

/** Seconds on the call's timer: from when the audio came up to now (or to its end). */
export function callSeconds(c: PhoneCall, now: number): number {
  if (c.connectedAt === null) return 0;
  return Math.max(0, Math.floor(((c.endedAt ?? now) - c.connectedAt) / 1000));
}

/** Seconds left to accept an offer (0 when it rang out). */
export function offerSecondsLeft(offer: CallOffer, now: number): number {
  return Math.max(0, Math.ceil((new Date(offer.expiresAt).getTime() - now) / 1000));
}
