import type { ClockKind, ClockState } from '../../../shared/index.js';

export interface ClockTimes {
  kind: ClockKind;
  state: ClockState;
  warn_at: Date | null;
  due_at: Date;
  escalate_at: Date | null;
  warned_at: Date | null;
  escalation_level: number;
}

/**
 * The next moment something happens to a clock: its warning, its breach, or (once breached) the supervisor step.
 * Null when nothing will: met, stopped, paused (resuming computes it again), or fully escalated.
 */
export function nextEventAt(c: ClockTimes): Date | null {
  if (c.state === 'running') {
    if (c.warn_at && !c.warned_at && c.warn_at < c.due_at) return c.warn_at;
    return c.due_at;
  }
  if (c.state === 'breached' && c.kind !== 'reroute' && c.escalation_level < 2 && c.escalate_at) return c.escalate_at;
  return null;
}
