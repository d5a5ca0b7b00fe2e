import { sql } from 'kysely';
import { JOB_IDS, QUEUES } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { DueResult, SlaEngine } from './sla-engine.js';

type ReconcileCtx = Pick<AppContext, 'db' | 'redis' | 'queues' | 'clock' | 'config' | 'log'>;

export interface ReconcileResult {
  overdue: DueResult;
  /** Timers (100 ms buckets) PostgreSQL says should exist within the horizon. */
  timersWanted: number;
  timersAdded: number;
  ms: number;
}

/**
 * PostgreSQL is the source of truth for every deadline; Redis timers only make them fire on time. The reconciler
 * first fires whatever is already due (deadlines that passed while Redis was empty or a timer was lost), then
 * makes sure a timer exists for every clock whose next event falls within the horizon.
 */
export async function reconcileTimers(ctx: ReconcileCtx, engine: SlaEngine): Promise<ReconcileResult> {
  const started = performance.now();
  const overdue = await engine.processDue(ctx.clock.now());
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + ctx.config.SLA_TIMER_HORIZON_MINUTES * 60_000);
  const buckets = (
    await sql<{ b: string }>`
      select distinct (ceil(extract(epoch from next_at) * 10) * 100)::bigint as b
        from sla_clocks where next_at is not null and next_at <= ${horizon}`.execute(ctx.db)
  ).rows.map((r) => Number(r.b));

  const missing: number[] = [];
  const prefix = `${ctx.config.REDIS_PREFIX}:${QUEUES.sla}:`;
  for (let i = 0; i < buckets.length; i += 5000) {
    const chunk = buckets.slice(i, i + 5000);
    const pipe = ctx.redis.pipeline();
    for (const b of chunk) pipe.exists(prefix + JOB_IDS.slaTick(b));
    const res = (await pipe.exec()) ?? [];
    chunk.forEach((b, j) => {
      if (res[j]?.[1] !== 1) missing.push(b);
    });
  }
  for (let i = 0; i < missing.length; i += 1000) {
    await ctx.queues.sla.addBulk(
      missing.slice(i, i + 1000).map((b) => ({ name: 'tick', data: { at: b }, opts: { jobId: JOB_IDS.slaTick(b), delay: Math.max(0, b - now.getTime()) } })),
    );
  }
  const result = { overdue, timersWanted: buckets.length, timersAdded: missing.length, ms: Math.round(performance.now() - started) };
  if (missing.length || overdue.clocks) ctx.log.info(`SLA reconciler: ${overdue.clocks} overdue clocks processed, ${missing.length} of ${buckets.length} timers rebuilt (${result.ms} ms)`);
  return result;
}
