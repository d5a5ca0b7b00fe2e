import { JOB_IDS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';

/**
 * Reports still queued or running whose build job Redis no longer has (a failed enqueue, or a Redis restart: it
 * keeps nothing on disk) are sent again under the same job id, so no requested report waits forever.
 */
export async function relayLostReports(ctx: Pick<AppContext, 'db' | 'queues' | 'clock'>, olderThanMs = 60_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('report_files')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('id')
    .limit(100)
    .execute();
  const lost: number[] = [];
  for (const { id } of rows) if (!(await ctx.queues.reports.getJob(JOB_IDS.report(id)))) lost.push(id);
  if (lost.length)
    await ctx.queues.reports.addBulk(lost.map((id) => ({ name: 'build-report', data: { reportId: id }, opts: { jobId: JOB_IDS.report(id) } })));
  return lost.length;
}
