import type { RequestHandler } from 'express';
import { ForbiddenError, ValidationError } from '../domain/errors.js';

/**
 * The same-origin rule, for the API and the Socket.IO handshake alike: when the browser says where a request comes
 * from (Origin), it must be this host. No Origin (curl, a server) is not a browser acting for another site.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CSRF defence for a cookie-authenticated JSON API: state-changing requests must be JSON
 * (a cross-site form cannot send that without a CORS preflight, which we never grant)
 * and, when the browser says where it comes from, come from our own origin.
 */
export const sameOriginJson: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (!sameOrigin(req.get('origin'), req.get('host'))) throw new ForbiddenError('cross-origin request refused');
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') != null;
  if (hasBody && !req.is('application/json'))
    throw new ValidationError('request body must be JSON (Content-Type: application/json)', { body: 'must be JSON' });
  next();
};

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
};

export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
