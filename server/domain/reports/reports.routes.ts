import type { Request, Response } from 'express';
import {
  htcdsQuery, idParam, reportBody, statsQuery, statTableParam, type HtcdsQuery, type StatsQuery, type StatTableId,
} from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { statTableCsv } from './csv.js';
import { buildHtcdsExport, htcdsCsv } from './htcds.js';
import { createReportsService } from './reports.service.js';
import { resolveScope } from './scope.js';
import { computeStats } from './stats.service.js';

const STATS_ROLES = only('supervisor', 'agency_officer');

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function attachment(res: Response, fileName: string, type: string) {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

/**
 * Statistics (supervisors; an agency officer gets its own agency's only, whatever the query says), periodic
 * reports built by the reports worker, and the de-identified HTCDS export for partners (supervisors). Every read
 * (the JSON on screen, CSV, workbook, export) is audited.
 */
export function reportsRoutes(ctx: AppContext): RouteDef[] {
  const reports = createReportsService(ctx);
  const actor = (req: Request) => ({ user: req.user!, origin: requestOrigin(req) });
  const audit = (req: Request, action: string, details: Record<string, unknown>) =>
    writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action, entityType: 'statistics', ...requestOrigin(req), details });

  return [
    route('get', '/stats', STATS_ROLES, validate({ query: statsQuery }), async (req, res) => {
      const q = req.query as unknown as StatsQuery;
      const scope = await resolveScope(ctx.db, q, { user: req.user! });
      const result = await computeStats(ctx, scope);
      // Read on screen or saved as a file, the same figures leave: audited like the CSV and the workbook.
      await audit(req, 'stats.view', { from: q.from, to: q.to, areaId: q.areaId ?? null, agencyId: scope.agency?.id ?? null });
      res.json(result);
    }),
    route('get', '/stats/:table.csv', STATS_ROLES, validate({ params: statTableParam, query: statsQuery }), async (req, res) => {
      const q = req.query as unknown as StatsQuery;
      const table = (req.params as unknown as { table: StatTableId }).table;
      const scope = await resolveScope(ctx.db, q, { user: req.user! });
      const t = (await computeStats(ctx, scope, { only: [table] })).tables.find((x) => x.id === table);
      if (!t) throw new NotFoundError('no such statistics table');
      await audit(req, 'stats.export_csv', { table, from: q.from, to: q.to, areaId: q.areaId ?? null, agencyId: scope.agency?.id ?? null });
      attachment(res, `${table}_${q.from}_${q.to}.csv`, 'text/csv; charset=utf-8');
      res.send(statTableCsv(t, req.user!.locale));
    }),
    route('post', '/reports', STATS_ROLES, validate({ body: reportBody }), async (req, res) => {
      res.status(202).json({ report: await reports.request(req.body, actor(req)) });
    }),
    route('get', '/reports', STATS_ROLES, async (req, res) => {
      res.json({ reports: await reports.list(actor(req)) });
    }),
    route('get', '/reports/:id', STATS_ROLES, validate({ params: idParam }), async (req, res) => {
      res.json(await reports.get((req.params as unknown as { id: number }).id, actor(req)));
    }),
    route('get', '/reports/:id/file', STATS_ROLES, validate({ params: idParam }), async (req, res) => {
      const f = await reports.download((req.params as unknown as { id: number }).id, actor(req));
      attachment(res, f.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.send(f.file);
    }),
    // Partners get de-identified rows only; the hotline's supervisors decide what is shared (not administrators,
    // who run the system but do not read cases, nor agencies, which see their own referrals only).
    route('get', '/exports/htcds', only('supervisor'), validate({ query: htcdsQuery }), async (req, res) => {
      const q = req.query as unknown as HtcdsQuery;
      const scope = await resolveScope(ctx.db, q, { user: req.user! });
      // Every row of an export for a district or commune would carry that place (and its name leaves in the file):
      // partners get the whole country or one province, never a place below it.
      if (scope.area && scope.area.level !== 'province')
        throw new ValidationError('the de-identified export covers the whole country or a province', {
          areaId: 'the de-identified export covers the whole country or a province, not a unit below it',
        });
      const e = await buildHtcdsExport(ctx.db, scope, q.k, ctx.clock.now());
      await audit(req, 'export.htcds', {
        from: q.from, to: q.to, areaId: q.areaId ?? null, k: q.k, format: q.format, rows: e.records.length,
        generalised: e.suppression.generalised, suppressed: e.suppression.suppressed,
      });
      const name = `htcds_${q.from}_${q.to}${scope.area ? `_${scope.area.dataset}-${scope.area.code}` : ''}`;
      if (q.format === 'json') {
        attachment(res, `${name}.json`, 'application/json; charset=utf-8');
        res.send(JSON.stringify(e));
      } else {
        attachment(res, `${name}.csv`, 'text/csv; charset=utf-8');
        res.send(htcdsCsv(e));
      }
    }),
  ];
}
