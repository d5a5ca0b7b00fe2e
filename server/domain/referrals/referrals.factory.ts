import type { AppContext } from '../../app-context.js';
import { createRoutingPlanner } from './routing-planner.js';
import { createReferralsService } from './referrals.service.js';

/** The referral service wired to the routing rules engine: what the API, the sockets and the workers use. */
export function referralsServiceFor(ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'queues' | 'realtime' | 'log' | 'config'>) {
  return createReferralsService(ctx, createRoutingPlanner(ctx.db, ctx.clock));
}
