import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { deliverNotification } from '../../server/domain/notifications/deliver.js';
import { PermanentSendError, type SmsSender } from '../../server/domain/notifications/sms-sender.js';
import { PUSH_JOB, runPushJob, type PushJob } from '../../server/domain/push/push-jobs.js';

/**
 * Sends one notification (job data: its id), or a push to an agency's officers' devices (job 'push': referral and
 * agency ids). Transient failures retry with backoff; permanent ones stop.
 */
export function notifyProcessor(ctx: Omit<AppContext, 'queues'>, sender: SmsSender) {
  return async (job: Job<{ notificationId: number } | PushJob>) => {
    if (job.name === PUSH_JOB) return runPushJob(ctx, job.data as PushJob);
    try {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return await deliverNotification(ctx, sender, (job.data as { notificationId: number }).notificationId, { finalAttempt });
    } catch (err) {
      if (err instanceof PermanentSendError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
