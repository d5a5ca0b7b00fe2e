import { DelayedError, type Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { createSlaEngine } from '../../server/domain/sla/sla-engine.js';
import { reconcileTimers } from '../../server/domain/sla/sla-reconciler.js';

/**
 * SLA timers (job data: the tick's instant only). A tick processes every clock that is due, not just its own
 * bucket, so a late or duplicated tick is harmless; the reconciler rebuilds timers from PostgreSQL.
 */
export function slaProcessor(ctx: AppContext) {
  const engine = createSlaEngine(ctx, referralsServiceFor(ctx));
  return async (job: Job<{ at?: number }>, token?: string) => {
    switch (job.name) {
      case 'tick': {
        const result = await engine.processDue();
        // A tick that fires before its instant (clocks of hosts apart, Redis's delay against ours) would find its
        // clocks not yet due and, completed, be removed: the deadline would wait for the reconciler. Re-arm it instead.
        const early = (job.data.at ?? 0) - ctx.clock.now().getTime();
        if (early > 0 && token) {
          await job.moveToDelayed(Date.now() + early, token);
          throw new DelayedError();
        }
        return result;
      }
      case 'reconcile':
        return reconcileTimers(ctx, engine);
      default:
        throw new Error(`unknown SLA job ${job.name}`);
    }
  };
}
