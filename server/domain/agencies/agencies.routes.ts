import { agencyBody, idParam } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { createAgenciesService } from './agencies.service.js';

/** Agencies and their jurisdictions are configuration: administrators only. */
export function agenciesRoutes(ctx: AppContext): RouteDef[] {
  const agencies = createAgenciesService(ctx);
  const admin = only('admin');
  const idOf = (params: unknown) => (params as { id: number }).id;
  return [
    route('get', '/admin/agencies', admin, async (_req, res) => {
      res.json({ agencies: await agencies.list() });
    }),
    route('get', '/admin/agencies/:id', admin, validate({ params: idParam }), async (req, res) => {
      res.json({ agency: await agencies.get(idOf(req.params)) });
    }),
    route('post', '/admin/agencies', admin, validate({ body: agencyBody }), async (req, res) => {
      const agency = await agencies.create(req.body, { user: req.user!, origin: requestOrigin(req) });
      res.status(201).json({ agency });
    }),
    route('put', '/admin/agencies/:id', admin, validate({ params: idParam, body: agencyBody }), async (req, res) => {
      const agency = await agencies.update(idOf(req.params), req.body, { user: req.user!, origin: requestOrigin(req) });
      res.json({ agency });
    }),
  ];
}

/** Same function under the singular name the lead's wiring may use. */
export const agencyRoutes = agenciesRoutes;
