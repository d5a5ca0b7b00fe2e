import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { NotFoundError, ValidationError } from '../../server/domain/errors.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';

/**
 * Routes one classified contact (job data: its id only; the case is re-read from PostgreSQL) and marks its
 * routing request done in the same write. At-least-once delivery is fine: the unique indexes on referrals make a
 * retried or duplicate job create nothing twice. A contact that does not exist or is not a wrapped-up case to
 * refer fails at once, without retries, into the failed list on the supervisor's desk.
 */
export function routingProcessor(ctx: AppContext) {
  const referrals = referralsServiceFor(ctx);
  return async (job: Job<{ contactId: number }>) => {
    const contactId = Number(job.data?.contactId);
    if (!Number.isInteger(contactId) || contactId <= 0) throw new UnrecoverableError('routing job without a contact id');
    try {
      const created = await referrals.routeContact(contactId, { markRouted: true });
      ctx.log.info({ contactId, referralIds: created }, `routed: ${created.length} referrals`);
      return { created };
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof ValidationError) throw new UnrecoverableError(e.message);
      throw e;
    }
  };
}
