import { TERMINAL_CALL_STATUSES, type CallStatus, type ContactSummary } from '../../../../shared/index.js';

type CallFacts = Pick<ContactSummary, 'channel' | 'status' | 'callStatus' | 'endedAt' | 'answeredAt' | 'waitSeconds' | 'receivedAt' | 'claimedAt'>;

const isTerminal = (s: CallStatus | null) => s !== null && (TERMINAL_CALL_STATUSES as readonly string[]).includes(s);
const seconds = (from: string, to: number) => Math.max(0, (to - new Date(from).getTime()) / 1000);

/**
 * The call status to show: once the call ended it is a final one, whatever late callback said "ringing" or
 * "in progress" (Twilio's callbacks can arrive out of order; the end is what is true).
 */
export function shownCallStatus(c: Pick<CallFacts, 'callStatus' | 'endedAt'>): CallStatus | null {
  if (c.endedAt && !isTerminal(c.callStatus)) return 'completed';
  return c.callStatus;
}

/**
 * The clock of a queue item: a waiting contact ticks from its arrival; a call that ended while waiting (a missed
 * call) shows how long the caller waited, fixed; a contact being handled ticks from its claim.
 */
export function queueClock(c: CallFacts, now: number): { kind: 'waiting' | 'waited' | 'handling'; seconds: number } {
  if (c.status !== 'queued') return { kind: 'handling', seconds: seconds(c.claimedAt ?? c.receivedAt, now) };
  if (c.channel === 'voice' && c.endedAt) {
    return { kind: 'waited', seconds: c.waitSeconds ?? seconds(c.receivedAt, new Date(c.endedAt).getTime()) };
  }
  return { kind: 'waiting', seconds: seconds(c.receivedAt, now) };
}

/** Talk time: from the answer to the end (or now, while the call goes on); Twilio's duration for older calls. */
export function talkSeconds(c: CallFacts & { durationSeconds?: number | null }, now: number): number | null {
  if (c.answeredAt) return seconds(c.answeredAt, c.endedAt ? new Date(c.endedAt).getTime() : now);
  return c.durationSeconds ?? null;
}
