import { attachCaseBody, idParam } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { createCaseAttach } from './case-attach.js';
import { createCaseHistory } from './case-history.js';

/** Cases that group contacts (issue 17): a follow-up attached to its case, and a case's history. */
export function casesRoutes(ctx: AppContext): RouteDef[] {
  const attach = createCaseAttach(ctx);
  const history = createCaseHistory(ctx);
  const hotline = only('operator', 'supervisor');
  const actor = (req: Parameters<RouteDef['handlers'][number]>[0]) => ({ user: req.user!, origin: requestOrigin(req) });
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;

  return [
    route('post', '/contacts/:id/case', hotline, validate({ params: idParam, body: attachCaseBody }), async (req, res) => {
      res.json({ contact: await attach.attach(id(req), req.body.caseId, actor(req)) });
    }),
    route('delete', '/contacts/:id/case', hotline, validate({ params: idParam }), async (req, res) => {
      res.json({ contact: await attach.detach(id(req), actor(req)) });
    }),
    route('get', '/cases/:id', only('operator', 'supervisor', 'agency_officer'), validate({ params: idParam }), async (req, res) => {
      res.json({ case: await history.view(id(req), req.user!, requestOrigin(req)) });
    }),
  ];
}
