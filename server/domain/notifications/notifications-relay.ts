import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';

/** Re-enqueues notifications still queued after a while (their enqueue failed, or Redis lost the job). */
export async function relayStaleNotifications(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, olderThanMs = 30_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('notifications')
    .select('id')
    .where('status', '=', 'queued')
    .where('updated_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('id')
    .limit(500)
    .execute();
  if (rows.length === 0) return 0;
  const missing: number[] = [];
  for (const { id } of rows) {
    const job = await ctx.queues.notify.getJob(JOB_IDS.notify(id));
    if (job && !job.finishedOn) continue; // still waiting or running
    // A finished job that left the row queued lost its work (or Redis lost the job): free the id, send again.
    if (job) await job.remove();
    missing.push(id);
  }
  if (missing.length)
    await ctx.queues.notify.addBulk(missing.map((id) => ({ name: 'send', data: { notificationId: id }, opts: { jobId: JOB_IDS.notify(id) } })));
  return missing.length;
}
