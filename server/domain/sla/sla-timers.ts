import { JOB_IDS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { TimerChanges } from './clocks.repo.js';

/** Clocks due within the same 100 ms share one timer: lateness from rounding stays under 0.1 s. */
export const TICK_MS = 100;
export const tickBucket = (at: Date | number) => Math.ceil(new Date(at).getTime() / TICK_MS) * TICK_MS;

type TimerCtx = Pick<AppContext, 'queues' | 'clock' | 'config' | 'log' | 'db'>;

/**
 * Redis timers are an accelerator: PostgreSQL holds every deadline (sla_clocks.next_at) and the reconciler
 * rebuilds timers that are missing. So a failure here is logged, never thrown: the deadline is not lost.
 */
export async function scheduleTicks(ctx: TimerCtx, instants: Date[]): Promise<number> {
  const now = ctx.clock.now().getTime();
  const horizon = now + ctx.config.SLA_TIMER_HORIZON_MINUTES * 60_000;
  const buckets = [...new Set(instants.map(tickBucket))].filter((b) => b <= horizon);
  if (!buckets.length) return 0;
  try {
    await ctx.queues.sla.addBulk(
      buckets.map((b) => ({ name: 'tick', data: { at: b }, opts: { jobId: JOB_IDS.slaTick(b), delay: Math.max(0, b - now) } })),
    );
  } catch (e) {
    ctx.log.warn(`SLA timers deferred to the reconciler: ${(e as Error).message}`);
  }
  return buckets.length;
}

/** Removes timers that no clock needs any more (met or stopped); a timer shared with another clock stays. */
export async function releaseTicks(ctx: TimerCtx, instants: Date[]): Promise<void> {
  for (const b of new Set(instants.map(tickBucket))) {
    const other = await ctx.db
      .selectFrom('sla_clocks')
      .select('id')
      .where('next_at', '>', new Date(b - TICK_MS))
      .where('next_at', '<=', new Date(b))
      .limit(1)
      .executeTakeFirst();
    if (other) continue;
    // A timer already running or gone is fine: with nothing due it does nothing.
    await ctx.queues.sla.remove(JOB_IDS.slaTick(b)).catch(() => 0);
  }
}

export async function applyTimerChanges(ctx: TimerCtx, c: TimerChanges): Promise<void> {
  if (c.release.length) await releaseTicks(ctx, c.release).catch((e) => ctx.log.warn(`SLA timer release: ${(e as Error).message}`));
  if (c.schedule.length) await scheduleTicks(ctx, c.schedule);
}

export function mergeTimerChanges(...all: (TimerChanges | null | undefined)[]): TimerChanges {
  return { schedule: all.flatMap((c) => c?.schedule ?? []), release: all.flatMap((c) => c?.release ?? []) };
}
