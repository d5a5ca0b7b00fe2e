import type { PhoneProblem } from './call-state.js';

/** A call ringing here that the server did not put through (or not yet) is dropped after this long, never answered. */
export const UNEXPECTED_RING_MS = 30_000;

/** The SDK's error codes we can explain: the microphone refused or unusable, and the access token's problems. */
export function problemOf(err: unknown): PhoneProblem | null {
  const code = Number((err as { code?: number } | null)?.code);
  if ([31401, 31402, 31208].includes(code)) return 'microphone';
  if (code >= 20101 && code <= 20199) return 'token';
  return null;
}

/**
 * Pairs the operator legs the server announced ('call:connecting' with their CallSid) with the calls ringing on the
 * Device, whichever arrives first: a match is answered at once (no second click); a call nobody announced is never
 * answered, and is rejected when it has rung UNEXPECTED_RING_MS.
 */
export function callMatcher<C>(answer: (call: C, contactId: number) => void, reject: (call: C) => void) {
  const expected = new Map<string, number>();
  const ringing = new Map<string, C>();
  const forget = (sid: string, call: C) => ringing.get(sid) === call && ringing.delete(sid);
  return {
    /** The Device rang with this call (its CallSid parameter). */
    incoming(sid: string, call: C) {
      const contactId = expected.get(sid);
      if (contactId !== undefined) {
        expected.delete(sid);
        return answer(call, contactId);
      }
      ringing.set(sid, call);
      setTimeout(() => forget(sid, call) && reject(call), UNEXPECTED_RING_MS);
    },
    /** The ringing call went away (cancelled by the caller's side, rejected). */
    gone: forget,
    /** The server put this contact's call through on the leg `sid`. */
    expect(sid: string, contactId: number) {
      const call = ringing.get(sid);
      if (call === undefined) return void expected.set(sid, contactId);
      ringing.delete(sid);
      answer(call, contactId);
    },
  };
}
