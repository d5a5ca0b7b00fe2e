import { sql } from 'kysely';
import { vnMidnight, type SessionUser, type StatsArea } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { UNIT_AREA } from './report-sql.js';

/** What one statistics question covers: resolved once, then handed to every query. */
export interface StatsScope {
  /** Inclusive local days, YYYY-MM-DD. */
  from: string;
  to: string;
  /** The same period as instants: [start, end), local midnight to local midnight after `to`. */
  start: Date;
  end: Date;
  /** null: the whole country. */
  area: StatsArea | null;
  /**
   * The units whose contacts count in the area (null for the whole country): the area and every unit below it, and
   * for a 2025 area also the old units on its ground (report_unit_area, the rule the rollups follow).
   */
  unitIds: number[] | null;
  /** An agency officer's statistics cover only the referrals to their agency, and those referrals' cases. */
  agency: { id: number; name: string } | null;
}

/** Local (UTC+7) midnight starting this day, as an instant. */
export const localMidnight = vnMidnight;

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Turns a checked query into a scope. The agency comes from the session, never from the query: an officer cannot
 * widen their statistics, whatever they send. `scopeAgencyId` is for the worker, which builds a report with the
 * scope stored when the officer asked for it.
 */
export async function resolveScope(
  db: Executor,
  q: { from: string; to: string; areaId?: number | null },
  who: { user?: Pick<SessionUser, 'role' | 'agencyId'>; scopeAgencyId?: number | null },
): Promise<StatsScope> {
  let agencyId: number | null = who.scopeAgencyId ?? null;
  if (who.user) {
    if (who.user.role === 'agency_officer') {
      if (who.user.agencyId == null) throw new ForbiddenError('an agency officer without an agency');
      agencyId = who.user.agencyId;
    } else if (who.user.role !== 'supervisor') throw new ForbiddenError('your role may not read statistics');
  }
  const area = q.areaId != null ? await findArea(db, q.areaId) : null;
  const agency = agencyId != null
    ? await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', agencyId).executeTakeFirst()
    : null;
  if (agencyId != null && !agency) throw new ForbiddenError('your agency no longer exists');
  return {
    from: q.from,
    to: q.to,
    start: localMidnight(q.from),
    end: localMidnight(nextDay(q.to)),
    area,
    unitIds: area ? await unitsCountedIn(db, area.id) : null,
    agency: agency ?? null,
  };
}

export async function findArea(db: Executor, areaId: number): Promise<StatsArea> {
  const u = await db.selectFrom('admin_units').select(['id', 'code', 'name', 'level', 'dataset', 'path']).where('id', '=', areaId).executeTakeFirst();
  if (!u) throw new ValidationError('unknown area', { areaId: `no administrative unit with id ${areaId}` });
  return { ...u, path: u.path ?? u.name };
}

async function unitsCountedIn(db: Executor, areaId: number): Promise<number[]> {
  const r = await sql<{ id: number }>`select unit_id as id from ${UNIT_AREA} where area_id = ${areaId}`.execute(db);
  return r.rows.map((x) => x.id);
}
