import type { AgencyView, UnitRef } from '../../../shared/index.js';
import type { Executor, Tx } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import { hashPassword } from '../auth/passwords.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { ValidationError } from '../errors.js';
import { inTransaction } from '../units/units-import.js';
import { resolveUnitIds, unitKey } from '../units/units.repo.js';
import { insertUser, updateUserRow } from '../users/users.repo.js';
import {
  findAgencyIdsByCodes, findParentCycle, insertAgencyRow, loadAgencyViews, replaceAgencyUnits, setAgencyParent, updateAgencyRow,
} from '../agencies/agencies.repo.js';
import { seedFile, type SeedAgency, type SeedFile } from './seed-file.schema.js';

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}
export interface SeedCounts {
  agencies: Counts;
  users: Counts;
}

/** Validates a parsed JSON seed; a ValidationError names each bad field as `agencies.3.coverage.0`. */
export function parseSeedFile(json: unknown): SeedFile {
  const r = seedFile.safeParse(json);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.map(String).join('.') || '_'] ??= i.message;
  const [first] = Object.entries(fields);
  throw new ValidationError(`invalid seed file: ${first![0]}: ${first![1]}`, fields);
}

/** Key-sorted JSON: jsonb does not keep key order, so compare values this way. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** What an agency "is", apart from its id and parent: equal means the seed has nothing to change. */
function essence(a: SeedAgency | AgencyView): string {
  const coverage = a.coverage.map((r) => `${r.dataset}:${r.code}`).sort();
  const seat = a.seat ? `${a.seat.dataset}:${a.seat.code}` : null;
  const { name, type, services, focalPhones, calendar, shelter, active, validFrom, validTo } = a;
  return stable({ name, type, services, focalPhones, calendar, shelter, active, validFrom, validTo, coverage, seat });
}

/**
 * Upserts agencies by code and users by username, in one transaction. Agencies go in two passes
 * (rows, then parents) so a parent may come later in the file. Existing users keep their password.
 * Re-importing the same file changes nothing. `seed` is parsed JSON, validated here.
 */
export async function importSeed(db: Executor, seed: unknown): Promise<SeedCounts> {
  const s = parseSeedFile(seed);
  return inTransaction(db, async (tx) => {
    const agencies = await importAgencies(tx, s.agencies);
    const users = await importUsers(tx, s);
    if (agencies.inserted + agencies.updated + users.inserted + users.updated > 0)
      await writeAudit(tx, { actorUserId: null, actorRole: 'system', action: 'seed.import', details: { agencies, users } });
    return { agencies, users };
  });
}

async function importAgencies(tx: Tx, list: SeedAgency[]): Promise<Counts> {
  const known = await findAgencyIdsByCodes(tx, list.map((a) => a.code));
  const before = new Map((await loadAgencyViews(tx, [...known.values()])).map((v) => [v.code, v]));
  const inserted = new Set<string>();
  const updated = new Set<string>();

  const units = await resolveAllUnits(tx, list);
  for (const a of list) {
    const unitIds = a.coverage.map((r) => units.get(unitKey(r))!);
    const seatUnitId = a.seat ? units.get(unitKey(a.seat))! : null;
    const old = before.get(a.code);
    if (!old) {
      const id = await insertAgencyRow(tx, a, { parentId: null, seatUnitId });
      await replaceAgencyUnits(tx, id, unitIds);
      inserted.add(a.code);
    } else if (essence(old) !== essence(a)) {
      await updateAgencyRow(tx, old.id, a, { parentId: old.parentAgencyId, seatUnitId });
      await replaceAgencyUnits(tx, old.id, unitIds);
      updated.add(a.code);
    }
  }

  const ids = await findAgencyIdsByCodes(tx, [...new Set(list.flatMap((a) => [a.code, ...(a.parentCode ? [a.parentCode] : [])]))]);
  for (const [i, a] of list.entries()) {
    const parentId = a.parentCode ? ids.get(a.parentCode) : null;
    if (parentId === undefined)
      throw new ValidationError(`unknown parent agency "${a.parentCode}"`, { [`agencies.${i}.parentCode`]: 'no agency with this code' });
    if ((before.get(a.code)?.parentAgencyId ?? null) === parentId) continue;
    await setAgencyParent(tx, ids.get(a.code)!, parentId);
    if (!inserted.has(a.code)) updated.add(a.code);
  }
  const cyclic = await findParentCycle(tx, list.map((a) => ids.get(a.code)!));
  if (cyclic != null) {
    const i = list.findIndex((a) => ids.get(a.code) === cyclic);
    throw new ValidationError('agency parents form a cycle', { [`agencies.${i}.parentCode`]: 'would create a cycle' });
  }
  return { inserted: inserted.size, updated: updated.size, unchanged: list.length - inserted.size - updated.size };
}

/**
 * Every unit the seed names (coverage and seats) in one query; an unknown one is refused naming
 * `agencies.<i>.coverage.<j>` or `agencies.<i>.seat`.
 */
async function resolveAllUnits(tx: Tx, list: SeedAgency[]): Promise<Map<string, number>> {
  const refs = list.flatMap((a) => [...a.coverage, ...(a.seat ? [a.seat] : [])]);
  const unique = [...new Map(refs.map((r) => [unitKey(r), r])).values()];
  try {
    return await resolveUnitIds(tx, unique);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const known = new Set<string>();
    for (const [i, a] of list.entries()) {
      for (const [j, r] of a.coverage.entries()) await resolveOne(tx, r, `agencies.${i}.coverage.${j}`, known);
      if (a.seat) await resolveOne(tx, a.seat, `agencies.${i}.seat`, known);
    }
    throw err;
  }
}

/** Throws the ValidationError naming `field` when this one unit is unknown. */
async function resolveOne(tx: Tx, r: UnitRef, field: string, known: Set<string>): Promise<void> {
  if (known.has(unitKey(r))) return;
  const found = await tx.selectFrom('admin_units').select('id').where('dataset', '=', r.dataset).where('code', '=', r.code).executeTakeFirst();
  if (!found) throw new ValidationError(`unknown administrative unit: unknown unit ${r.code} in ${r.dataset}`, { [field]: `unknown unit ${r.code} in ${r.dataset}` });
  known.add(unitKey(r));
}

async function importUsers(tx: Tx, s: SeedFile): Promise<Counts> {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const agencyIds = await findAgencyIdsByCodes(tx, s.users.flatMap((u) => (u.agencyCode ? [u.agencyCode] : [])));
  for (const [i, u] of s.users.entries()) {
    const agencyId = u.agencyCode ? agencyIds.get(u.agencyCode) : null;
    if (agencyId === undefined)
      throw new ValidationError(`unknown agency "${u.agencyCode}"`, { [`users.${i}.agencyCode`]: 'no agency with this code' });
    const old = await tx
      .selectFrom('users')
      .select(['id', 'display_name', 'role', 'agency_id', 'phone', 'locale', 'active'])
      .where('username', '=', u.username)
      .executeTakeFirst();
    const fields = { displayName: u.displayName, role: u.role, agencyId, phone: u.phone, locale: u.locale };
    if (!old) {
      assertPasswordAllowed(u.password, `users.${i}.password`);
      await insertUser(tx, { username: u.username, passwordHash: await hashPassword(u.password), ...fields });
      counts.inserted++;
    } else if (
      stable([old.display_name, old.role, old.agency_id, old.phone, old.locale]) !==
      stable([u.displayName, u.role, agencyId, u.phone, u.locale])
    ) {
      await updateUserRow(tx, old.id, { ...fields, active: old.active });
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
