import type { Clock } from '../../server/app-context.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { createSlaEngine } from '../../server/domain/sla/sla-engine.js';
import type { TestApp } from './http.js';

/** A clock the test moves by hand: SLA arithmetic is checked at exact instants, never with sleeps. */
export function manualClock(start: string | Date) {
  let t = new Date(start).getTime();
  const clock: Clock & { set(at: Date | string): void; advance(ms: number): Date } = {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => new Date((t += ms)),
  };
  return clock;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** The SLA engine on the app's own context (its clock, database, queues and live events). */
export function engineOf(app: TestApp) {
  return createSlaEngine(app.ctx, referralsServiceFor(app.ctx));
}

export async function clocksOf(app: TestApp, referralId: number) {
  const rows = await app.ctx.db.selectFrom('sla_clocks').selectAll().where('referral_id', '=', referralId).execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r])) as Record<string, (typeof rows)[number]>;
}

export async function eventsOf(app: TestApp, referralId: number, type?: string) {
  let q = app.ctx.db.selectFrom('referral_events').selectAll().where('referral_id', '=', referralId).orderBy('id');
  if (type) q = q.where('type', '=', type as never);
  return q.execute();
}
