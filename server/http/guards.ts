import type { RequestHandler } from 'express';
import { ForbiddenError, ValidationError } from '../domain/errors.js';

/**
 * CSRF defence for a cookie-authenticated JSON API: state-changing requests must be JSON
 * (a cross-site form cannot send that without a CORS preflight, which we never grant)
 * and, when the browser says where it comes from, come from our own origin.
 */
export const sameOriginJson: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.get('origin');
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      /* fall through */
    }
    if (host !== req.get('host')) throw new ForbiddenError('cross-origin request refused');
  }
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
