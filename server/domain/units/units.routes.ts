import { placesQuery, unitsQuery } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { ANY_USER, route, type RouteDef } from '../../http/routes.js';
import { validate } from '../../http/validate.js';
import { findPlace, searchPlaces } from './place-search.js';
import { listUnits, type UnitFilter } from './units.repo.js';

/** Administrative units are public reference data, but the console only asks for them once logged in. */
export function unitsRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/units', ANY_USER, validate({ query: unitsQuery }), async (req, res) => {
      res.json({ units: await listUnits(ctx.db, req.query as unknown as UnitFilter) });
    }),
    route('get', '/places', ANY_USER, validate({ query: placesQuery }), async (req, res) => {
      const q = req.query as unknown as { q?: string; dataset?: 'vn-2023' | 'vn-2025'; code?: string; limit: number };
      if (q.q) return void res.json({ places: await searchPlaces(ctx.db, q.q, q.limit) });
      const one = await findPlace(ctx.db, q.dataset!, q.code!);
      res.json({ places: one ? [one] : [] });
    }),
  ];
}
