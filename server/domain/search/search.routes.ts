import { searchQuery, type SearchQuery } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { createSearchService } from './search.service.js';

/** GET /api/search: the hotline's search; agency officers search their own agency's cases (the query scopes them). */
export function searchRoutes(ctx: AppContext): RouteDef[] {
  const search = createSearchService(ctx);
  return [
    route('get', '/search', only('operator', 'supervisor', 'agency_officer'), validate({ query: searchQuery }), async (req, res) => {
      res.json(await search.search(req.query as unknown as SearchQuery, req.user!, requestOrigin(req)));
    }),
  ];
}
