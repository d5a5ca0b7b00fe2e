import { JOB_IDS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { jobPresence } from '../../queue-jobs.js';

/**
 * Reports still queued or running whose build job Redis no longer has (a failed enqueue, or a Redis restart: it
 * keeps nothing on disk) are sent again under the same job id, so no requested report waits forever.
 */
export async function relayLostReports(ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, olderThanMs = 60_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('report_files')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('id')
    .limit(100)
    .execute();
  const presence = await jobPresence(ctx.redis, ctx.queues.reports, rows.map((r) => JOB_IDS.report(r.id)));
  const lost = rows.filter((_, i) => presence[i] === 'missing').map((r) => r.id);
  if (lost.length)
    await ctx.queues.reports.addBulk(lost.map((id) => ({ name: 'build-report', data: { reportId: id }, opts: { jobId: JOB_IDS.report(id) } })));
  return lost.length;
}
