import { CLOCK_KINDS, type ClockView } from '../../../shared/index.js';

/** What a clock looks like now: computed in the browser from its instants, so it changes colour on time without a push. */
export const CLOCK_DISPLAY_STATES = ['ok', 'warning', 'breached', 'paused', 'met', 'stopped'] as const;
export type ClockDisplayState = (typeof CLOCK_DISPLAY_STATES)[number];

const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : NaN);

export function clockDisplayState(c: ClockView, now: number): ClockDisplayState {
  switch (c.state) {
    case 'paused':
      return 'paused';
    case 'met':
      return 'met';
    case 'stopped':
      return 'stopped';
    case 'breached':
      // A missed deadline that was met later stays 'breached' on the server, with metAt: finished, late.
      return c.metAt ? 'met' : 'breached';
    case 'running':
      if (now >= ms(c.dueAt)) return 'breached';
      if (c.warnedAt || (c.warnAt && now >= ms(c.warnAt))) return 'warning';
      return 'ok';
  }
}

/** Still counting (or overdue and not yet met): the clocks a supervisor or officer has to watch. */
export function isOpenClock(c: ClockView): boolean {
  return c.state === 'running' || c.state === 'paused' || (c.state === 'breached' && !c.metAt);
}

/**
 * Milliseconds left before the deadline (negative: overdue). A paused clock keeps what it had left when paused;
 * a met clock how early (or late, negative) it was met.
 */
export function msLeft(c: ClockView, now: number): number {
  const due = ms(c.dueAt);
  if (c.state === 'paused') return due - (ms(c.pausedAt) || now);
  if (c.metAt) return due - ms(c.metAt);
  if (c.state === 'stopped') return due - (ms(c.breachedAt) || now);
  return due - now;
}

/** The clocks of a referral (older servers may not send any), one per kind, in the order they run. */
export function clocksOf(r: { clocks?: ClockView[] | null }): ClockView[] {
  const latest = new Map<ClockView['kind'], ClockView>();
  for (const c of r.clocks ?? []) {
    const seen = latest.get(c.kind);
    if (!seen || seen.id < c.id) latest.set(c.kind, c);
  }
  return CLOCK_KINDS.flatMap((k) => latest.get(k) ?? []);
}

const RANK: Record<ClockDisplayState, number> = { breached: 0, warning: 1, ok: 2, paused: 3, met: 4, stopped: 5 };

/** Most urgent first: overdue, then due soon, then running (least time left first), then paused. */
export function compareUrgency(a: ClockView, b: ClockView, now: number): number {
  return RANK[clockDisplayState(a, now)] - RANK[clockDisplayState(b, now)] || msLeft(a, now) - msLeft(b, now);
}

/** The clock that matters most right now, or null when none is counting. */
export function mostUrgentClock(clocks: ClockView[], now: number): ClockView | null {
  const open = clocks.filter(isOpenClock).sort((a, b) => compareUrgency(a, b, now));
  return open[0] ?? null;
}

/** The worst state among a referral's open clocks ('met' when none is open), for colouring its row. */
export function worstState(clocks: ClockView[], now: number): ClockDisplayState | null {
  const top = mostUrgentClock(clocks, now);
  return top ? clockDisplayState(top, now) : null;
}

/** A sort key for "least time left first": overdue first (most overdue on top), paused after running, none last. */
export function urgencyKey(clocks: ClockView[], now: number): [number, number] {
  const top = mostUrgentClock(clocks, now);
  if (!top) return [9, 0];
  const state = clockDisplayState(top, now);
  return [state === 'paused' ? 1 : 0, msLeft(top, now)];
}
