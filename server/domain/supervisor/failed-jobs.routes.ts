import { z } from 'zod';
import { trimmedText } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { NotFoundError } from '../errors.js';
import { resendRoutingRequest } from '../routing/routing-outbox.js';
import { resolvedFailures, stuckRequests } from './stuck-requests.js';

const QUEUE_NAMES = ['routing', 'notify', 'reports'] as const;
const jobParams = z.object({ queue: z.enum(QUEUE_NAMES), id: trimmedText(100).pipe(z.string().min(1)) });

/**
 * Jobs that kept failing stay visible here until a supervisor retries them, and so do outbox requests that are
 * not done long after they were written (stuck-requests.ts): nothing is dropped silently.
 */
export function failedJobsRoutes(ctx: AppContext): RouteDef[] {
  const queues = { routing: ctx.queues.routing, notify: ctx.queues.notify, reports: ctx.queues.reports };
  return [
    route('get', '/supervisor/failed-jobs', only('supervisor'), async (_req, res) => {
      const failed = [];
      for (const name of QUEUE_NAMES) {
        for (const j of await queues[name].getFailed(0, 199)) {
          // Job data holds ids only (never victim data), so it is safe to show.
          failed.push({ queue: name, id: j.id, name: j.name, data: j.data, failedReason: j.failedReason, attemptsMade: j.attemptsMade, failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null });
        }
      }
      const resolved = await resolvedFailures(ctx.db, failed);
      const jobs: object[] = failed.filter((j) => !resolved.has(`${j.queue}/${j.id}`));
      // A stuck request whose last job failed is listed once, as that failed job.
      const listed = new Set(failed.map((j) => `${j.queue}/${j.id}`));
      for (const s of await stuckRequests(ctx)) if (!listed.has(`${s.queue}/${s.id}`)) jobs.push(s);
      res.json({ jobs });
    }),
    route('post', '/supervisor/failed-jobs/:queue/:id/retry', only('supervisor'), validate({ params: jobParams }), async (req, res) => {
      const { queue, id } = req.params as unknown as z.infer<typeof jobParams>;
      const job = await queues[queue].getJob(id);
      if (job && (await job.isFailed())) await job.retry();
      // A routing request the relay gave up on (or whose job waits forever) is sent once more under a new id.
      else if (!(queue === 'routing' && (await resendRoutingRequest(ctx, id)))) throw new NotFoundError('no such failed job');
      await writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action: 'job.retry', entityType: `job:${queue}`, entityId: id, ...requestOrigin(req) });
      res.status(202).json({ retried: true });
    }),
  ];
}
