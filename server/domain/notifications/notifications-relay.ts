import { JOB_IDS } from '../../../shared/queues.js';
import type { AppContext } from '../../app-context.js';
import { jobPresence } from '../../queue-jobs.js';

/** Re-enqueues notifications still queued after a while (their enqueue failed, or Redis lost the job). */
export async function relayStaleNotifications(ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, olderThanMs = 30_000): Promise<number> {
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
  const presence = await jobPresence(ctx.redis, ctx.queues.notify, rows.map((r) => JOB_IDS.notify(r.id)));
  for (const [i, { id }] of rows.entries()) {
    if (presence[i] === 'open') continue; // still waiting (the rate limit holds it back) or running
    // A finished job that left the row queued lost its work (or Redis lost the job): free the id, send again.
    if (presence[i] === 'finished') await ctx.queues.notify.remove(JOB_IDS.notify(id));
    missing.push(id);
  }
  if (missing.length)
    await ctx.queues.notify.addBulk(missing.map((id) => ({ name: 'send', data: { notificationId: id }, opts: { jobId: JOB_IDS.notify(id) } })));
  return missing.length;
}
