import { JOB_IDS, type ReportBody, type ReportDetail, type ReportFileView, type SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { NotFoundError } from '../errors.js';
import {
  getReportFile, getReportJob, getReportResult, getReportView, insertReport, listReportViews, markDone, markFailed, markRunning, setProgress,
} from './reports.repo.js';
import { resolveScope } from './scope.js';
import { computeStats } from './stats.service.js';
import { buildWorkbook, reportFileName } from './xlsx.js';

export type Actor = { user: SessionUser; origin: RequestOrigin };
type Deps = Pick<AppContext, 'db' | 'clock' | 'queues' | 'log'>;

/** Periodic reports: asked for over REST, built by the reports worker, kept in PostgreSQL, listed and downloaded. */
export function createReportsService(ctx: Deps) {
  const { db, clock } = ctx;
  const audit = (actor: Actor, action: string, id: number, details?: Record<string, unknown>) =>
    writeAudit(db, { actorUserId: actor.user.id, actorRole: actor.user.role, action, entityType: 'report', entityId: id, ...actor.origin, details });

  return {
    /** Stores the question (with an officer's agency as its scope) and queues the build; answers at once. */
    async request(body: ReportBody, actor: Actor): Promise<ReportFileView> {
      const scope = await resolveScope(db, body, { user: actor.user }); // refuses an unknown area before anything is stored
      const params = { from: body.from, to: body.to, areaId: body.areaId };
      const now = clock.now();
      const id = await db.transaction().execute(async (tx) => {
        const id = await insertReport(tx, { params, label: body.label, scopeAgencyId: scope.agency?.id ?? null, requestedBy: actor.user.id, now });
        await writeAudit(tx, {
          actorUserId: actor.user.id, actorRole: actor.user.role, action: 'report.request', entityType: 'report', entityId: id, ...actor.origin,
          details: { ...params, agencyId: scope.agency?.id ?? null },
        });
        return id;
      });
      // Best effort: if Redis is down the report stays queued and the maintenance relay sends it later.
      await ctx.queues.reports.add('build-report', { reportId: id }, { jobId: JOB_IDS.report(id, now) }).catch(() => undefined);
      return (await getReportView(db, id))!;
    },

    list(actor: Actor): Promise<ReportFileView[]> {
      return listReportViews(db, actor.user);
    },

    async get(id: number, actor: Actor): Promise<ReportDetail> {
      const report = await getReportView(db, id, actor.user);
      if (!report) throw new NotFoundError('no such report');
      return { report, result: report.status === 'done' ? await getReportResult(db, id) : null };
    },

    /** The workbook; every download is audited (who, which report, when). */
    async download(id: number, actor: Actor): Promise<{ file: Buffer; fileName: string }> {
      const report = await getReportView(db, id, actor.user);
      if (!report) throw new NotFoundError('no such report');
      const file = await getReportFile(db, id);
      if (!file) throw new NotFoundError('this report is not ready');
      await audit(actor, 'report.download', id, { ...report.params, agencyId: report.agency?.id ?? null, bytes: file.file.length });
      return file;
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;

/**
 * The worker's part: computes the figures with the scope stored on the report (an officer's agency stays its
 * scope), writes the workbook, stores both. Progress: 0–50 % the queries, 50–95 % the sheets.
 * Idempotent: a retried job rebuilds and overwrites; a report already done is left alone.
 */
export async function buildReport(ctx: Pick<AppContext, 'db' | 'clock'>, reportId: number): Promise<{ bytes: number } | null> {
  const { db, clock } = ctx;
  const job = await getReportJob(db, reportId);
  if (!job) return null;
  if (job.status === 'done') return { bytes: -1 };
  await markRunning(db, reportId, clock.now());
  try {
    const scope = await resolveScope(db, job.params, { scopeAgencyId: job.scope_agency_id });
    const result = await computeStats(ctx, scope, { onProgress: (f) => setProgress(db, reportId, 50 * f) });
    const file = await buildWorkbook(result, (done, total) => setProgress(db, reportId, 50 + (45 * done) / total));
    await markDone(db, reportId, { file, fileName: reportFileName(result), result, now: clock.now() });
    return { bytes: file.length };
  } catch (err) {
    await markFailed(db, reportId, (err as Error).message ?? String(err), clock.now());
    throw err;
  }
}
