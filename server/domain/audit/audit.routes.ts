import type { Request, Response } from 'express';
import { AUDIT_EXPORT_MAX, auditExportQuery, auditQuery, type AuditFilters, type AuditQuery, type Lang } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { CSV_BOM } from '../reports/csv.js';
import { auditBatches, auditPage } from './audit-query.js';
import { auditCsvHeading, auditCsvRows, auditCsvTruncated } from './audit-csv.js';
import { writeAudit } from './audit.repo.js';

/** The log's readers: supervisors (cases) and administrators (accounts, agencies, settings). */
const READERS = only('supervisor', 'admin');

/** What an entry about reading the log says: the filters (ids, codes and dates; the viewer has no free text). */
function readDetails(f: AuditFilters) {
  return { person: f.person ?? null, actions: f.action ?? null, contactId: f.case ?? null, agencyId: f.agency ?? null, from: f.from ?? null, to: f.to ?? null };
}

async function write(res: Response, chunk: string) {
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

/**
 * The audit viewer (issue 17): pages of entries newest first, a CSV of a filtered query, and the names its filters
 * offer. Reading the log is itself written to the log ('audit.viewed', 'audit.exported'), filed under the case when
 * the reader asked about one.
 */
export function auditRoutes(ctx: AppContext): RouteDef[] {
  const audit = (req: Request, action: 'audit.viewed' | 'audit.exported', f: AuditFilters, extra: Record<string, unknown> = {}) =>
    writeAudit(ctx.db, {
      actorUserId: req.user!.id, actorRole: req.user!.role, action, ...requestOrigin(req),
      ...(f.case ? { entityType: 'contact', entityId: f.case } : { entityType: 'audit_log' }),
      details: { ...readDetails(f), ...extra },
    });

  return [
    route('get', '/audit', READERS, validate({ query: auditQuery }), async (req, res) => {
      const q = req.query as unknown as AuditQuery;
      const page = await auditPage(ctx.db, q, q.cursor, q.limit);
      await audit(req, 'audit.viewed', q, { nextPage: q.cursor != null, entries: page.entries.length });
      res.json(page);
    }),
    route('get', '/audit/export.csv', READERS, validate({ query: auditExportQuery }), async (req, res) => {
      const q = req.query as unknown as AuditFilters & { lang?: Lang };
      const lang = q.lang ?? req.user!.locale;
      await audit(req, 'audit.exported', q, { max: AUDIT_EXPORT_MAX });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="audit-log.csv"`);
      try {
        await write(res, CSV_BOM + auditCsvHeading(lang));
        let rows = 0;
        for await (const batch of auditBatches(ctx.db, q, AUDIT_EXPORT_MAX + 1)) {
          const kept = batch.slice(0, AUDIT_EXPORT_MAX - rows);
          rows += kept.length;
          if (kept.length) await write(res, auditCsvRows(kept, lang));
          if (kept.length < batch.length) await write(res, auditCsvTruncated(lang, AUDIT_EXPORT_MAX));
          if (res.destroyed) return;
        }
        res.end();
      } catch (err) {
        // The heading is gone: the only honest signal left is a cut connection (the file is incomplete).
        ctx.log.error(`audit export failed: ${(err as Error).message}`);
        res.destroy();
      }
    }),
    route('get', '/audit/choices', READERS, async (_req, res) => {
      const [people, agencies] = await Promise.all([
        ctx.db.selectFrom('users').select(['id', 'display_name as displayName', 'username', 'role']).orderBy('display_name').orderBy('id').execute(),
        ctx.db.selectFrom('agencies').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
      ]);
      res.json({ people, agencies });
    }),
  ];
}
