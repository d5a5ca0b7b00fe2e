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

/** The live session's user, or null when the session is unknown, expired, or its account disabled. */
export async function findSessionUser(db: Executor, id: string, now: Date): Promise<{ user: SessionUser; lastSeenAt: Date } | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.agency_id', 'a.name as agency_name', 'u.locale', 's.last_seen_at',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
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
  };
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
