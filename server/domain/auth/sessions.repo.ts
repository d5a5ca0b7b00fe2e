import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { SessionUser } from '../../../shared/index.js';

/** The cookie carries a random token; the table keeps only its keyed hash, so a database leak yields no live sessions. */
export function sessionIdFor(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: Executor,
  s: { id: string; userId: number; ttlHours: number; ip: string | null; userAgent: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: new Date(s.now.getTime() + s.ttlHours * 3600_000),
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

type SessionRow = { user: SessionUser; lastSeenAt: Date };

/** The live session's user, or null when the session is unknown, expired, or its account disabled. */
export async function findSessionUser(db: Executor, id: string, now: Date): Promise<SessionRow | null> {
  return (await findSessionUsers(db, [id], now)).get(id) ?? null;
}

/**
 * The live sessions among `ids` in one statement (one shape whatever their number: `= any($1)`), keyed by id. Requests
 * that arrive together share it (auth.service.ts): one round trip instead of one each.
 */
export async function findSessionUsers(db: Executor, ids: readonly string[], now: Date): Promise<Map<string, SessionRow>> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      's.id as session_id', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.agency_id', 'a.name as agency_name', 'u.locale', 's.last_seen_at',
    ])
    .where('s.id', '=', sql<string>`any(${[...new Set(ids)]}::text[])`)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .execute();
  return new Map(rows.map((row) => [row.session_id, {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      locale: row.locale,
    },
    lastSeenAt: row.last_seen_at,
  }]));
}

/** Sliding expiry: each touch pushes the end of the session out by the TTL again. */
export async function touchSession(db: Executor, id: string, now: Date, ttlHours: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + ttlHours * 3600_000) })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, userId: number): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute();
  return rows.map((r) => r.id);
}

export async function purgeExpiredSessions(db: Executor, now: Date): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function countSessions(db: Executor): Promise<number> {
  const r = await db.selectFrom('sessions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
