import { z } from 'zod';
import { assignBody, closeBody, declineBody, idParam, inboxQuery, INT4_MAX, PRIORITIES, REFERRAL_STATUSES, REFERRAL_TRACKS, supportBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { ANY_USER, only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { ForbiddenError } from '../errors.js';
import { countReferrals, listReferrals } from './referral-views.js';
import { inboxPage } from './referral-inbox.js';
import { getAgencyView } from '../agencies/agencies.repo.js';
import type { ReferralsService } from './referrals.service.js';

const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : []))
    .pipe(z.array(z.enum(REFERRAL_STATUSES))),
  track: z.enum(REFERRAL_TRACKS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** A page of the list, newest first; the answer carries the total, so a console never stops silently at a cap. */
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
});

/** Referrals: agency officers act on their own agency's; the hotline sees all; supervisors assign what nobody took. */
export function referralsRoutes(ctx: AppContext, referrals: ReferralsService): RouteDef[] {
  const officer = only('agency_officer');
  const actor = (req: Parameters<RouteDef['handlers'][number]>[0]) => ({ user: req.user!, origin: requestOrigin(req) });
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;
  return [
    route('get', '/referrals', ANY_USER, validate({ query: listQuery }), async (req, res) => {
      if (req.user!.role === 'admin') throw new ForbiddenError('administrators do not read case referrals');
      const q = req.query as unknown as z.infer<typeof listQuery>;
      const f = { status: q.status, track: q.track, priority: q.priority, limit: q.limit, offset: q.offset };
      const [referrals, total] = await Promise.all([listReferrals(ctx.db, ctx.crypto, req.user!, f), countReferrals(ctx.db, req.user!, f)]);
      res.json({ referrals, total, limit: q.limit, offset: q.offset });
    }),
    // Before /referrals/:id. The officer's inbox, a tab and a page at a time: every referral of the agency is reachable.
    route('get', '/referrals/inbox', officer, validate({ query: inboxQuery }), async (req, res) => {
      res.json(await inboxPage(ctx.db, ctx.crypto, req.user!, req.query as unknown as z.infer<typeof inboxQuery>));
    }),
    route('get', '/referrals/:id', only('agency_officer', 'operator', 'supervisor'), validate({ params: idParam }), async (req, res) => {
      res.json({ referral: await referrals.view(id(req), actor(req)) });
    }),
    route('post', '/referrals/:id/accept', officer, validate({ params: idParam }), async (req, res) => {
      res.json({ referral: await referrals.accept(id(req), actor(req)) });
    }),
    route('post', '/referrals/:id/decline', officer, validate({ params: idParam, body: declineBody }), async (req, res) => {
      res.json({ referral: await referrals.decline(id(req), req.body.reason, actor(req)) });
    }),
    route('post', '/referrals/:id/support', officer, validate({ params: idParam, body: supportBody }), async (req, res) => {
      res.json({ referral: await referrals.recordSupport(id(req), req.body, actor(req)) });
    }),
    route('post', '/referrals/:id/close', officer, validate({ params: idParam, body: closeBody }), async (req, res) => {
      res.json({ referral: await referrals.close(id(req), req.body, actor(req)) });
    }),
    route('post', '/referrals/:id/assign', only('supervisor'), validate({ params: idParam, body: assignBody }), async (req, res) => {
      res.json({ referral: await referrals.assign(id(req), req.body.agencyId, req.body.note, actor(req)) });
    }),
    route('get', '/supervisor/referrals/queue', only('supervisor'), async (req, res) => {
      res.json({ referrals: await listReferrals(ctx.db, ctx.crypto, req.user!, { status: ['needs_supervisor'] }) });
    }),
    route('get', '/agencies/mine', officer, async (req, res) => {
      res.json({ agency: await getAgencyView(ctx.db, req.user!.agencyId!) });
    }),
    route('get', '/supervisor/agencies', only('supervisor'), async (_req, res) => {
      const agencies = await ctx.db.selectFrom('agencies').select(['id', 'name', 'type']).where('active', '=', true).orderBy('name').execute();
      res.json({ agencies });
    }),
  ];
}
