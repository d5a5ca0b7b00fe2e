import { unitsQuery } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { ANY_USER, route, type RouteDef } from '../../http/routes.js';
import { validate } from '../../http/validate.js';
import { listUnits, type UnitFilter } from './units.repo.js';

/** Administrative units are public reference data, but the console only asks for them once logged in. */
export function unitsRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/units', ANY_USER, validate({ query: unitsQuery }), async (req, res) => {
      res.json({ units: await listUnits(ctx.db, req.query as unknown as UnitFilter) });
    }),
  ];
}
