import type { Request, RequestHandler } from 'express';
import type { SessionUser } from '../../shared/index.js';
import type { AuthService } from '../domain/auth/auth.service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      sessionId?: string;
    }
  }
}

export function requestOrigin(req: Request) {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** Attaches req.user when the request carries a live session cookie. Never refuses: permissions do that. */
export function sessionMiddleware(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      const found = await auth.resolve(token);
      if (found) {
        req.user = found.user;
        req.sessionId = found.sessionId;
      }
    }
    next();
  };
}
