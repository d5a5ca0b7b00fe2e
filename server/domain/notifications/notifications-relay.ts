import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';
import { needingResend, recordJobIds, resendJobId } from '../../queue-jobs.js';

/** The job a notification was last sent as: its first id (its id and instant), or the relay's latest. */
export const notifyJobId = (n: { id: number; created_at: Date; job_id: string | null }) => n.job_id ?? JOB_IDS.notify(n.id, n.created_at);

/**
 * Sends again notifications still queued after a while whose job is missing (the enqueue failed, or Redis lost it),
 * failed, or completed though the row is still queued (a restored database lost the result): under a new job id
 * (server/queue-jobs.ts), so no job kept from before a restore stands in its way. A job still waiting (the rate
 * limit holds it back) or running is left alone. Delivery is idempotent: a notification no longer queued is skipped.
 */
export async function relayStaleNotifications(ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, olderThanMs = 30_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('notifications')
    .select(['id', 'created_at', 'job_id'])
    .where('status', '=', 'queued')
    .where('updated_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('id')
    .limit(500)
    .execute();
  if (rows.length === 0) return 0;
  const stale = await needingResend(ctx.redis, ctx.queues.notify, rows.map((r) => ({ ...r, jobId: notifyJobId(r) })));
  const sent = stale.map((r) => ({ id: r.id, jobId: resendJobId(JOB_IDS.notify(r.id, r.created_at)) }));
  if (!sent.length) return 0;
  await ctx.queues.notify.addBulk(sent.map((s) => ({ name: 'send', data: { notificationId: s.id }, opts: { jobId: s.jobId } })));
  await recordJobIds(ctx.db, 'notifications', sent);
  return sent.length;
}
