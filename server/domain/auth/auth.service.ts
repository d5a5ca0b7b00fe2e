import type { AppContext } from '../../app-context.js';
import type { SessionUser } from '../../../shared/index.js';
import { writeAudit } from '../audit/audit.repo.js';
import { UnauthenticatedError } from '../errors.js';
import { createLoginThrottle } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { groupCommit } from '../../db/group-commit.js';
import { createSession, deleteSession, findSessionUser, findSessionUsers, newSessionToken, sessionIdFor, touchSession } from './sessions.repo.js';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

const TOUCH_EVERY_MS = 60_000;
/**
 * Session lookups that arrive together (a burst of requests and socket events) share one statement. A lone lookup
 * goes at the end of the current event-loop turn, so a quiet server adds no wait.
 */
const LOOKUP_BATCHING = { maxBatch: 128, maxInFlight: 4, minIntervalMs: 1 };

export function createAuthService(ctx: Pick<AppContext, 'db' | 'redis' | 'config' | 'clock'>) {
  const { db, config, clock } = ctx;
  const throttle = createLoginThrottle(ctx.redis, config.REDIS_PREFIX);

  const lookup = groupCommit(async (ids: string[]) => {
    const found = await findSessionUsers(db, ids, clock.now());
    return ids.map((id) => found.get(id) ?? null);
  }, LOOKUP_BATCHING);

  async function check(sessionId: string): Promise<SessionUser | null> {
    const now = clock.now();
    const found = await lookup(sessionId);
    if (!found) return null;
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, sessionId, now, config.SESSION_TTL_HOURS);
    return found.user;
  }

  return {
    /** Checks the password; on success opens a session and returns its cookie token. Failures are generic (no account enumeration). */
    async login(username: string, password: string, origin: RequestOrigin): Promise<{ token: string; user: SessionUser }> {
      const name = username.trim().toLowerCase();
      const ip = origin.ip ?? 'unknown';
      const attempt = await throttle.begin(name, ip);
      const row = await db
        .selectFrom('users')
        .select(['id', 'password_hash', 'active', 'role'])
        .where('username', '=', name)
        .executeTakeFirst();
      const ok = await verifyPassword(row?.password_hash ?? (await decoyHash()), password);
      if (!row || !ok || !row.active) {
        await attempt.failed();
        await writeAudit(db, {
          actorUserId: row?.id ?? null,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: row?.id,
          ...origin,
          details: { reason: !row ? 'unknown_user' : !ok ? 'bad_password' : 'disabled' },
        });
        throw new UnauthenticatedError('wrong username or password');
      }
      await attempt.succeeded();
      const token = newSessionToken();
      const id = sessionIdFor(token, config.SESSION_SECRET);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        await createSession(tx, { id, userId: row.id, ttlHours: config.SESSION_TTL_HOURS, now, ...origin });
        await tx.updateTable('users').set({ last_login_at: now }).where('id', '=', row.id).execute();
        await writeAudit(tx, { actorUserId: row.id, actorRole: row.role, action: 'auth.login', entityType: 'user', entityId: row.id, ...origin });
      });
      const found = await findSessionUser(db, id, now);
      if (!found) throw new UnauthenticatedError('wrong username or password');
      return { token, user: found.user };
    },

    /** The user behind a cookie token, sliding the session's expiry along. */
    async resolve(token: string): Promise<{ sessionId: string; user: SessionUser } | null> {
      const id = sessionIdFor(token, config.SESSION_SECRET);
      const user = await check(id);
      return user ? { sessionId: id, user } : null;
    },

    /** The user of a live session by its id (a socket's, on each event), sliding its expiry like a request does. */
    check,

    async logout(sessionId: string, user: SessionUser, origin: RequestOrigin): Promise<void> {
      await deleteSession(db, sessionId);
      await writeAudit(db, { actorUserId: user.id, actorRole: user.role, action: 'auth.logout', entityType: 'user', entityId: user.id, ...origin });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
