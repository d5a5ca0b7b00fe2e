import { configChanged } from '../../db/config-cache.js';
import { idParam, shelterOccupancyBody, type SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction } from '../units/units-import.js';

export interface ShelterOccupancy {
  agencyId: number;
  name: string;
  capacity: number;
  occupancy: number;
  freePlaces: number;
}

/**
 * A shelter's officer (or an administrator) records how many places are taken, which shelter matching reads.
 * 403 for an officer of another agency, 404 unknown agency, 400 not a shelter or more than its capacity.
 */
export async function setShelterOccupancy(
  db: Executor,
  input: { agencyId: number; occupancy: number; user: Pick<SessionUser, 'id' | 'role' | 'agencyId'>; origin?: RequestOrigin },
): Promise<ShelterOccupancy> {
  const { agencyId, occupancy, user } = input;
  if (user.role === 'agency_officer' && user.agencyId !== agencyId)
    throw new ForbiddenError('you may only update your own agency');
  if (user.role !== 'agency_officer' && user.role !== 'admin') throw new ForbiddenError('your role may not do this');
  const result = await inTransaction(db, async (tx) => {
    const a = await tx
      .selectFrom('agencies')
      .select(['id', 'name', 'type', 'shelter_capacity', 'shelter_occupancy'])
      .where('id', '=', agencyId)
      .forUpdate()
      .executeTakeFirst();
    if (!a) throw new NotFoundError('no such agency');
    if (a.type !== 'shelter' || a.shelter_capacity == null)
      throw new ValidationError('only a shelter has an occupancy', { agency: 'not a shelter' });
    const capacity = a.shelter_capacity;
    if (occupancy > capacity)
      throw new ValidationError(`occupancy cannot exceed the capacity (${capacity})`, { occupancy: `at most ${capacity}` });
    await tx.updateTable('agencies').set({ shelter_occupancy: occupancy, updated_at: new Date() }).where('id', '=', agencyId).execute();
    await writeAudit(tx, {
      actorUserId: user.id, actorRole: user.role, action: 'shelter.occupancy', entityType: 'agency', entityId: agencyId,
      ...input.origin, details: { before: a.shelter_occupancy, after: occupancy, capacity },
    });
    return { agencyId, name: a.name, capacity, occupancy, freePlaces: capacity - occupancy };
  });
  configChanged(); // shelter matching in this process reads the new figure at once (other processes within a second)
  return result;
}

/** PUT /agencies/:id/occupancy: the shelter's own officers and administrators. Register under /api. */
export function shelterRoutes(ctx: Pick<AppContext, 'db'>): RouteDef[] {
  return [
    route(
      'put',
      '/agencies/:id/occupancy',
      only('agency_officer', 'admin'),
      validate({ params: idParam, body: shelterOccupancyBody }),
      async (req, res) => {
        const shelter = await setShelterOccupancy(ctx.db, {
          agencyId: (req.params as unknown as { id: number }).id,
          occupancy: (req.body as { occupancy: number }).occupancy,
          user: req.user!,
          origin: requestOrigin(req),
        });
        res.json({ shelter });
      },
    ),
  ];
}
