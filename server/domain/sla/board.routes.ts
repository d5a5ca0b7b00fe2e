import { boardQuery, clockKindParam, clockPauseBody, clockResumeBody, idParam, resolveEscalationBody, ROOMS, rowIdText, type BoardQuery, type ClockKind, type SessionUser } from '../../../shared/index.js';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { decide, NO_FACTS, textReader } from '../disclosure/disclosure.js';
import { loadBoard, openEscalations } from './board.query.js';
import { createClockPauseService } from './clock-pause.service.js';
import { loadMetrics } from './metrics.query.js';

const clockParams = z.object({ id: rowIdText, kind: clockKindParam });

/** The supervisor's live board, its response-time metrics, escalation decisions; pausing and resuming clocks. */
export function slaBoardRoutes(ctx: AppContext): RouteDef[] {
  const supervisor = only('supervisor');
  const pauses = createClockPauseService(ctx);
  const actor = (req: Parameters<RouteDef['handlers'][number]>[0]) => ({ user: req.user!, origin: requestOrigin(req) });
  const params = (req: { params: unknown }) => req.params as { id: number; kind: ClockKind };
  // The board and the escalation lists are no case's own page: the role decides (supervisors read, agencies their own words).
  const text = (req: { user?: SessionUser }) => textReader(ctx.crypto, req.user!, decide(req.user!, NO_FACTS));
  return [
    route('get', '/supervisor/board', supervisor, validate({ query: boardQuery }), async (req, res) => {
      res.json({ board: await loadBoard(ctx.db, req.query as unknown as BoardQuery, ctx.clock.now(), text(req)) });
    }),
    route('get', '/supervisor/sla-metrics', supervisor, validate({ query: boardQuery }), async (req, res) => {
      res.json({ metrics: await loadMetrics(ctx.db, req.query as unknown as BoardQuery, ctx.clock.now()) });
    }),
    route('post', '/supervisor/escalations/:id/resolve', supervisor, validate({ params: idParam, body: resolveEscalationBody }), async (req, res) => {
      const { id } = req.params as unknown as { id: number };
      const at = ctx.clock.now();
      const done = await ctx.db.updateTable('sla_escalations')
        .set({ resolved_at: at, resolved_by: req.user!.id, resolution_enc: ctx.crypto.encrypt(req.body.note) })
        .where('id', '=', id).where('resolved_at', 'is', null)
        .returning(['referral_id']).executeTakeFirst();
      if (!done) {
        const exists = await ctx.db.selectFrom('sla_escalations').select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) throw new NotFoundError('no such escalation');
        throw new ConflictError('this escalation was already resolved');
      }
      await writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action: 'sla.escalation.resolve', entityType: 'referral', entityId: done.referral_id, ...requestOrigin(req), details: { escalation: id } });
      ctx.realtime.emit([ROOMS.supervisors], 'sla:changed', { referralIds: [done.referral_id], escalated: false });
      res.json({ escalation: (await openEscalations(ctx.db, text(req), id))[0] });
    }),
    // The parent agency (a provincial department) sees the deadlines its offices missed: a case reference, the
    // office, the deadline and since when; nothing about the victim, since the referral is not theirs.
    route('get', '/agencies/mine/escalations', only('agency_officer'), async (req, res) => {
      res.json({ escalations: await openEscalations(ctx.db, text(req), undefined, req.user!.agencyId ?? -1) });
    }),
    route('post', '/agencies/mine/escalations/:id/resolve', only('agency_officer'), validate({ params: idParam, body: resolveEscalationBody }), async (req, res) => {
      const { id } = req.params as unknown as { id: number };
      const done = await ctx.db.updateTable('sla_escalations')
        .set({ resolved_at: ctx.clock.now(), resolved_by: req.user!.id, resolution_enc: ctx.crypto.encrypt(req.body.note) })
        .where('id', '=', id).where('level', '=', 1).where('to_agency_id', '=', req.user!.agencyId ?? -1).where('resolved_at', 'is', null)
        .returning(['referral_id']).executeTakeFirst();
      if (!done) throw new NotFoundError('no such open escalation for your agency');
      await writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action: 'sla.escalation.follow_up', entityType: 'referral', entityId: done.referral_id, ...requestOrigin(req), details: { escalation: id } });
      ctx.realtime.emit([ROOMS.supervisors, ROOMS.agency(req.user!.agencyId!)], 'sla:changed', { referralIds: [done.referral_id], escalated: false });
      res.json({ escalation: (await openEscalations(ctx.db, text(req), id, req.user!.agencyId ?? -1))[0] });
    }),
    route('post', '/referrals/:id/clocks/:kind/pause', only('agency_officer', 'supervisor'), validate({ params: clockParams, body: clockPauseBody }), async (req, res) => {
      res.json({ referral: await pauses.pause(params(req).id, params(req).kind, req.body.reason, actor(req)) });
    }),
    route('post', '/referrals/:id/clocks/:kind/resume', only('agency_officer', 'supervisor'), validate({ params: clockParams, body: clockResumeBody }), async (req, res) => {
      res.json({ referral: await pauses.resume(params(req).id, params(req).kind, req.body.note, actor(req)) });
    }),
  ];
}
