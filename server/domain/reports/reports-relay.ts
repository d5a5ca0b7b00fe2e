import { JOB_IDS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { needingResend, recordJobIds, resendJobId } from '../../queue-jobs.js';

/** The job a report was last sent as: its first id (its id and instant), or the relay's latest. */
export const reportJobId = (r: { id: number; created_at: Date; job_id: string | null }) => r.job_id ?? JOB_IDS.report(r.id, r.created_at);

/**
 * Reports still queued or running whose build job is missing (a failed enqueue, or Redis lost it), or finished while
 * the row says otherwise (a restored database lost the result; a final failure the worker could not record), are
 * sent again under a new job id, so no requested report waits forever. A build waiting or running is left alone.
 */
export async function relayLostReports(ctx: Pick<AppContext, 'db' | 'queues' | 'clock' | 'redis'>, olderThanMs = 60_000): Promise<number> {
  const rows = await ctx.db
    .selectFrom('report_files')
    .select(['id', 'created_at', 'job_id'])
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '<', new Date(ctx.clock.now().getTime() - olderThanMs))
    .orderBy('id')
    .limit(100)
    .execute();
  if (rows.length === 0) return 0;
  const stale = await needingResend(ctx.redis, ctx.queues.reports, rows.map((r) => ({ ...r, jobId: reportJobId(r) })));
  const sent = stale.map((r) => ({ id: r.id, jobId: resendJobId(JOB_IDS.report(r.id, r.created_at)) }));
  if (!sent.length) return 0;
  await ctx.queues.reports.addBulk(sent.map((s) => ({ name: 'build-report', data: { reportId: s.id }, opts: { jobId: s.jobId } })));
  await recordJobIds(ctx.db, 'report_files', sent);
  return sent.length;
}
