import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { refreshRollups } from '../../server/domain/reports/rollup.js';
import { buildReport } from '../../server/domain/reports/reports.service.js';

/**
 * The reports queue: `build-report` (job data: the report's id only; the question is re-read from PostgreSQL)
 * and `refresh-rollup` (no data: folds the contacts changed since the last refresh into the statistics rollups).
 * A failed build is marked failed with its error on the report row, then BullMQ retries it.
 */
export function reportsProcessor(ctx: Pick<AppContext, 'db' | 'clock' | 'log'>) {
  return async (job: Job<{ reportId?: number }>) => {
    if (job.name === 'refresh-rollup') return refreshRollups(ctx.db);
    if (job.name !== 'build-report') throw new UnrecoverableError(`unknown reports job ${job.name}`);
    const reportId = Number(job.data?.reportId);
    if (!Number.isInteger(reportId) || reportId <= 0) throw new UnrecoverableError('report job without a report id');
    const built = await buildReport(ctx, reportId);
    if (!built) throw new UnrecoverableError(`report ${reportId} does not exist`);
    if (built.bytes >= 0) ctx.log.info(`report ${reportId} built (${built.bytes} bytes)`);
    return built;
  };
}
