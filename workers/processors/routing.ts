import { UnrecoverableError, type Job } from 'bullmq';
import { ROUTED_CLASSIFICATIONS } from '../../shared/index.js';
import type { AppContext } from '../../server/app-context.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { markRouted } from '../../server/domain/routing/routing-outbox.js';

/**
 * Routes one classified contact (job data: its id only; the case is re-read from PostgreSQL). At-least-once
 * delivery is fine: the unique indexes on referrals make a retried or duplicate job create nothing twice.
 */
export function routingProcessor(ctx: AppContext) {
  const referrals = referralsServiceFor(ctx);
  return async (job: Job<{ contactId: number }>) => {
    const contactId = Number(job.data?.contactId);
    if (!Number.isInteger(contactId) || contactId <= 0) throw new UnrecoverableError('routing job without a contact id');
    const c = await ctx.db.selectFrom('contacts').select(['status', 'classification']).where('id', '=', contactId).executeTakeFirst();
    if (!c) throw new UnrecoverableError(`contact ${contactId} does not exist`);
    if (c.status !== 'closed' || !(ROUTED_CLASSIFICATIONS as readonly string[]).includes(c.classification ?? ''))
      throw new UnrecoverableError(`contact ${contactId} is not a classified case to refer`);
    const created = await referrals.routeContact(contactId);
    await markRouted(ctx.db, contactId, ctx.clock.now());
    return { created };
  };
}
