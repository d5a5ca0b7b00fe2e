import type { AgencyBody, AgencyView, SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { resolveUnitIds } from '../units/units.repo.js';
import {
  agencyExists, findAgencyIdsByCodes, findParentCycle, getAgencyView, insertAgencyRow,
  loadAgencyViews, replaceAgencyUnits, updateAgencyRow,
} from './agencies.repo.js';

type Actor = { user: SessionUser; origin: RequestOrigin };

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
const duplicateCode = (code: string) => new ConflictError(`agency code "${code}" is already used`, { code: 'already used' });

/** Coverage refs → unit ids, in the body's order (so a 400 names `coverage.<i>`), and the seat's unit id. */
async function unitIds(db: Executor, body: AgencyBody): Promise<{ coverage: number[]; seat: number | null }> {
  const ids = await resolveUnitIds(db, body.coverage);
  const seat = body.seat ? (await resolveUnitIds(db, [body.seat], 'seat')).get(`${body.seat.dataset}:${body.seat.code}`)! : null;
  return { coverage: body.coverage.map((r) => ids.get(`${r.dataset}:${r.code}`)!), seat };
}

async function assertParent(db: Executor, parentId: number | null, selfId?: number): Promise<void> {
  if (parentId == null) return;
  if (parentId === selfId) throw new ValidationError('an agency cannot be its own parent', { parentAgencyId: 'cannot be itself' });
  if (!(await agencyExists(db, parentId)))
    throw new ValidationError('unknown parent agency', { parentAgencyId: 'no agency with this id' });
}

export function createAgenciesService(ctx: Pick<AppContext, 'db'>) {
  const { db } = ctx;

  return {
    list: () => loadAgencyViews(db),

    async get(id: number): Promise<AgencyView> {
      const a = await getAgencyView(db, id);
      if (!a) throw new NotFoundError('no such agency');
      return a;
    },

    async create(body: AgencyBody, actor: Actor): Promise<AgencyView> {
      const id = await db.transaction().execute(async (tx) => {
        await assertParent(tx, body.parentAgencyId);
        if ((await findAgencyIdsByCodes(tx, [body.code])).size) throw duplicateCode(body.code);
        const units = await unitIds(tx, body);
        const id = await insertAgencyRow(tx, body, { parentId: body.parentAgencyId, seatUnitId: units.seat }).catch((err: unknown) => {
          throw isUniqueViolation(err) ? duplicateCode(body.code) : err;
        });
        await replaceAgencyUnits(tx, id, units.coverage);
        await writeAudit(tx, {
          actorUserId: actor.user.id, actorRole: actor.user.role, action: 'agency.create', entityType: 'agency', entityId: id,
          ...actor.origin, details: { code: body.code, type: body.type, coverage: units.coverage.length },
        });
        return id;
      });
      return (await getAgencyView(db, id))!;
    },

    /** Replaces the agency's fields and coverage. A new parent must not make the agency its own ancestor. */
    async update(id: number, body: AgencyBody, actor: Actor): Promise<AgencyView> {
      await db.transaction().execute(async (tx) => {
        const before = await getAgencyView(tx, id);
        if (!before) throw new NotFoundError('no such agency');
        await assertParent(tx, body.parentAgencyId, id);
        const sameCode = (await findAgencyIdsByCodes(tx, [body.code])).get(body.code);
        if (sameCode != null && sameCode !== id) throw duplicateCode(body.code);
        const units = await unitIds(tx, body);
        await updateAgencyRow(tx, id, body, { parentId: body.parentAgencyId, seatUnitId: units.seat }).catch((err: unknown) => {
          throw isUniqueViolation(err) ? duplicateCode(body.code) : err;
        });
        if (body.parentAgencyId !== before.parentAgencyId && (await findParentCycle(tx, [id])) != null)
          throw new ValidationError('this parent would make the agency its own ancestor', {
            parentAgencyId: 'would create a cycle',
          });
        await replaceAgencyUnits(tx, id, units.coverage);
        await writeAudit(tx, {
          actorUserId: actor.user.id, actorRole: actor.user.role, action: 'agency.update', entityType: 'agency', entityId: id,
          ...actor.origin,
          details: {
            changed: changedFields(before, body),
            coverage: units.coverage.length,
          },
        });
      });
      return (await getAgencyView(db, id))!;
    },
  };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;

/** Field names only (never values) for the audit trail. */
function changedFields(before: AgencyView, body: AgencyBody): string[] {
  const keys = ['code', 'name', 'type', 'parentAgencyId', 'services', 'focalPhones', 'calendar', 'shelter', 'active', 'validFrom', 'validTo'] as const;
  const changed: string[] = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(body[k]));
  const seat = (s: { dataset: string; code: string } | null) => (s ? `${s.dataset}:${s.code}` : null);
  if (seat(before.seat) !== seat(body.seat)) changed.push('seat');
  const cov = (refs: { dataset: string; code: string }[]) => refs.map((r) => `${r.dataset}:${r.code}`).sort().join();
  if (cov(before.coverage) !== cov(body.coverage)) changed.push('coverage');
  return changed;
}
