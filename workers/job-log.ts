import type { Job } from 'bullmq';
import { withLogContext } from '../server/logger.js';

/**
 * Every line logged while a job runs, however deep in the services, carries its queue, job id and job name: an
 * operations team follows a case from the HTTP request that queued it (reqId, contactId) to the job that handled it.
 */
export function inJobLogContext<J extends Job, R>(processor: (job: J) => Promise<R>): (job: J) => Promise<R> {
  return (job) => withLogContext({ queue: job.queueName, jobId: job.id ?? null, job: job.name }, () => processor(job));
}
