import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
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

/**
 * helmet's headers with a Content-Security-Policy the built console passes: its own scripts, styles and fonts only,
 * no inline script, nothing framed, connections to this origin (the API and Socket.IO) and to Twilio (the
 * softphone). HSTS only when the public URL is https: on plain http (a developer's machine) it would be ignored, and
 * upgrade-insecure-requests would break the console.
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_BASE_URL'>): RequestHandler {
  const https = config.PUBLIC_BASE_URL.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and the charts set style attributes; no script can come in through a style.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'https://*.twilio.com', 'wss://*.twilio.com'],
        mediaSrc: ["'self'", 'blob:', 'https://*.twilio.com'],
        objectSrc: ["'none'"],
        // The console's service worker and manifest (installable app, push alerts): same origin only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https && { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}

export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
