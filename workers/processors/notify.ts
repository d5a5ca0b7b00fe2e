import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { deliverNotification } from '../../server/domain/notifications/deliver.js';
import { PermanentSendError, type SmsSender } from '../../server/domain/notifications/sms-sender.js';

/** Sends one notification (job data: its id). Transient failures retry with backoff; permanent ones stop. */
export function notifyProcessor(ctx: Omit<AppContext, 'queues'>, sender: SmsSender) {
  return async (job: Job<{ notificationId: number }>) => {
    try {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return await deliverNotification(ctx, sender, job.data.notificationId, { finalAttempt });
    } catch (err) {
      if (err instanceof PermanentSendError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
