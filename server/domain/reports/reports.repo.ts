import { sql } from 'kysely';
import type { ReportFileView, ReportParams, SessionUser, StatsArea, StatsResult } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

/** Everything but the bytes and the figures: what lists and polls need. */
function viewQuery(db: Executor) {
  return db
    .selectFrom('report_files as f')
    .innerJoin('users as u', 'u.id', 'f.requested_by')
    .leftJoin('agencies as a', 'a.id', 'f.scope_agency_id')
    .leftJoin('admin_units as au', (j) => j.on(sql<boolean>`au.id = (f.params->>'areaId')::int`))
    .select([
      'f.id', 'f.label', 'f.params', 'f.scope_agency_id', 'a.name as agency_name', 'f.requested_by', 'u.display_name as requested_by_name',
      'f.status', 'f.progress', 'f.error', 'f.attempts', 'f.created_at', 'f.started_at', 'f.finished_at', 'f.file_name', 'f.file_size',
      'au.id as area_id', 'au.code as area_code', 'au.name as area_name', 'au.level as area_level', 'au.dataset as area_dataset', 'au.path as area_path',
    ]);
}
type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(r: ViewRow): ReportFileView {
  const area: StatsArea | null = r.area_id != null
    ? { id: r.area_id, code: r.area_code!, name: r.area_name!, level: r.area_level!, dataset: r.area_dataset!, path: r.area_path ?? r.area_name! }
    : null;
  return {
    id: r.id,
    label: r.label,
    params: r.params,
    area,
    agency: r.scope_agency_id != null ? { id: r.scope_agency_id, name: r.agency_name ?? '' } : null,
    status: r.status,
    progress: r.progress,
    error: r.error,
    attempts: r.attempts,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    fileName: r.file_name,
    fileSize: r.file_size,
    downloadUrl: r.status === 'done' ? `/api/reports/${r.id}/file` : null,
  };
}

/**
 * An officer sees the reports they asked for about their current agency; a supervisor sees every report.
 * Enforced here, in the query.
 */
function visible(db: Executor, viewer: Viewer) {
  const q = viewQuery(db);
  if (viewer.role === 'supervisor') return q;
  return q.where('f.requested_by', '=', viewer.id).where('f.scope_agency_id', '=', viewer.agencyId ?? -1);
}
type Viewer = Pick<SessionUser, 'id' | 'role' | 'agencyId'>;

export async function insertReport(
  db: Executor,
  r: { params: ReportParams; label: string | null; scopeAgencyId: number | null; requestedBy: number; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('report_files')
    .values({ params: JSON.stringify(r.params), label: r.label, scope_agency_id: r.scopeAgencyId, requested_by: r.requestedBy, created_at: r.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listReportViews(db: Executor, viewer: Viewer): Promise<ReportFileView[]> {
  return (await visible(db, viewer).orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(200).execute()).map(toView);
}

export async function getReportView(db: Executor, id: number, viewer?: Viewer): Promise<ReportFileView | null> {
  const r = await (viewer ? visible(db, viewer) : viewQuery(db)).where('f.id', '=', id).executeTakeFirst();
  return r ? toView(r) : null;
}

export async function getReportResult(db: Executor, id: number): Promise<StatsResult | null> {
  const r = await db.selectFrom('report_files').select('result').where('id', '=', id).executeTakeFirst();
  return r?.result ?? null;
}

export async function getReportFile(db: Executor, id: number): Promise<{ file: Buffer; fileName: string } | null> {
  const r = await db.selectFrom('report_files').select(['file', 'file_name']).where('id', '=', id).where('status', '=', 'done').executeTakeFirst();
  return r?.file ? { file: r.file, fileName: r.file_name ?? `report-${id}.xlsx` } : null;
}

/** What the worker needs to build a report: the question and the scope stored when it was asked. */
export async function getReportJob(db: Executor, id: number) {
  return db.selectFrom('report_files').select(['id', 'params', 'scope_agency_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function markRunning(db: Executor, id: number, now: Date): Promise<void> {
  await db
    .updateTable('report_files')
    .set({ status: 'running', progress: 0, started_at: now, attempts: sql`attempts + 1` as never, finished_at: null })
    .where('id', '=', id)
    .where('status', '<>', 'done') // at-least-once: a late duplicate attempt never reopens a finished report
    .execute();
}

/** Never backwards: the queries report as they finish, side by side, and their updates may commit out of order. */
export async function setProgress(db: Executor, id: number, progress: number): Promise<void> {
  const p = Math.max(0, Math.min(99, Math.round(progress)));
  await db.updateTable('report_files').set({ progress: sql`greatest(progress, ${p}::int)` as never }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function markDone(db: Executor, id: number, done: { file: Buffer; fileName: string; result: StatsResult; now: Date }): Promise<void> {
  await db
    .updateTable('report_files')
    .set({ status: 'done', progress: 100, error: null, file: done.file, file_name: done.fileName, file_size: done.file.length, result: JSON.stringify(done.result), finished_at: done.now })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt stays visible with its error; BullMQ's next attempt sets it running again. */
export async function markFailed(db: Executor, id: number, error: string, now: Date): Promise<void> {
  await db
    .updateTable('report_files')
    .set({ status: 'failed', error: error.slice(0, 1000), finished_at: now, file: null, file_name: null, file_size: null })
    .where('id', '=', id)
    .where('status', '<>', 'done') // a duplicate attempt that fails must not wipe the workbook another one stored
    .execute();
}
