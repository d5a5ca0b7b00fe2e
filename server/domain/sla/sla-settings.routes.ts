import type { HolidayView } from '../../../shared/index.js';
import { holidayOverrideBody, holidaysQuery, idParam, priorityParam, slaPolicyBody } from '../../../shared/index.js';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { listPolicies, savePolicy } from './policies.repo.js';
import { lawHolidays } from './vn-holidays.js';
import { configChanged } from '../../db/config-cache.js';

/** SLA policies and the holiday calendar: administrators edit them, supervisors read them. */
export function slaSettingsRoutes(ctx: AppContext): RouteDef[] {
  const readers = only('admin', 'supervisor');
  const admin = only('admin');
  const audit = (req: Parameters<RouteDef['handlers'][number]>[0], action: string, entityId: string | number, details?: Record<string, unknown>) =>
    writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action, entityType: 'sla', entityId: String(entityId), ...requestOrigin(req), details });

  return [
    route('get', '/sla/policies', readers, async (_req, res) => {
      res.json({ policies: await listPolicies(ctx.db) });
    }),
    route('put', '/sla/policies/:priority', admin, validate({ params: z.object({ priority: priorityParam }), body: slaPolicyBody }), async (req, res) => {
      const { priority } = req.params as unknown as { priority: z.infer<typeof priorityParam> };
      // Running clocks keep the policy they started with; the new one applies to referrals from now on.
      await savePolicy(ctx.db, priority, req.body, req.user!.id, ctx.clock.now());
      await audit(req, 'sla.policy.update', priority, { targets: req.body.targets, warnPercent: req.body.warnPercent });
      res.json({ policy: (await listPolicies(ctx.db)).find((p) => p.priority === priority) });
    }),
    route('get', '/sla/holidays', readers, validate({ query: holidaysQuery }), async (req, res) => {
      const { year } = req.query as unknown as { year: number };
      const overrides = await ctx.db.selectFrom('holiday_overrides').selectAll()
        .where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
      const days: HolidayView[] = [
        ...lawHolidays(year).map((h) => ({ date: h.date, name: h.name, source: 'law' as const, kind: 'holiday' as const, overrideId: null })),
        ...overrides.map((o) => ({ date: o.date, name: o.name, source: 'override' as const, kind: o.kind, overrideId: o.id })),
      ].sort((a, b) => a.date.localeCompare(b.date) || a.source.localeCompare(b.source));
      res.json({ year, holidays: days });
    }),
    route('post', '/sla/holiday-overrides', admin, validate({ body: holidayOverrideBody }), async (req, res) => {
      const row = await ctx.db.insertInto('holiday_overrides')
        .values({ date: req.body.date, kind: req.body.kind, name: req.body.name, created_by: req.user!.id, created_at: ctx.clock.now() })
        .onConflict((oc) => oc.column('date').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new ConflictError('this date already has an override: delete it first', { date: 'already has an override' });
      configChanged();
      await audit(req, 'sla.holiday.add', row.date, { kind: row.kind });
      const view: HolidayView = { date: row.date, name: row.name, source: 'override', kind: row.kind, overrideId: row.id };
      res.status(201).json({ holiday: view });
    }),
    route('delete', '/sla/holiday-overrides/:id', admin, validate({ params: idParam }), async (req, res) => {
      const { id } = req.params as unknown as { id: number };
      const row = await ctx.db.deleteFrom('holiday_overrides').where('id', '=', id).returning(['date']).executeTakeFirst();
      if (!row) throw new NotFoundError('no such holiday override');
      configChanged();
      await audit(req, 'sla.holiday.delete', row.date);
      res.status(204).end();
    }),
  ];
}
