import { loginBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../http/cookies.js';
import { ANY_USER, PUBLIC, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import type { AuthService } from './auth.service.js';

export function authRoutes(ctx: AppContext, auth: AuthService): RouteDef[] {
  const secure = ctx.config.PUBLIC_BASE_URL.startsWith('https://');
  return [
    route('post', '/auth/login', PUBLIC, validate({ body: loginBody }), async (req, res) => {
      const { username, password } = req.body as { username: string; password: string };
      const { token, user } = await auth.login(username, password, requestOrigin(req));
      res.cookie(SESSION_COOKIE, token, sessionCookieOptions(secure, ctx.config.SESSION_TTL_HOURS * 3600_000));
      res.json({ user });
    }),
    route('post', '/auth/logout', ANY_USER, async (req, res) => {
      await auth.logout(req.sessionId!, req.user!, requestOrigin(req));
      ctx.realtime.endSessions([req.sessionId!], 'logout');
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      res.status(204).end();
    }),
    route('get', '/auth/me', ANY_USER, (req, res) => {
      res.json({ user: req.user });
    }),
  ];
}
