import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { AppContext } from './app-context.js';
import { apiRouter } from './http/api.js';
import { errorHandler, notFoundApi } from './http/error-handler.js';
import { securityHeaders } from './http/guards.js';
import { healthRouter } from './http/health.js';
import { CLIENT_DIST } from './paths.js';


/**
 * The service worker and the manifest are checked for a new release at every load (no-cache), and the manifest
 * goes out with its own media type.
 */
function installableHeaders(res: express.Response, file: string): void {
  const name = path.basename(file);
  if (name === 'sw.js' || name === 'manifest.webmanifest') res.setHeader('Cache-Control', 'no-cache');
  if (name === 'manifest.webmanifest') res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
}

/**
 * The express application: API, health checks and the built console. Socket.IO and Twilio's webhooks are attached
 * beside it by server/http-server.ts.
 */
export function createApp(ctx: AppContext, opts: { clientDist?: string; draining?: () => boolean } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only the proxies the configuration names may say who the client is (TRUST_PROXY; none by default).
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.use(securityHeaders(ctx.config));
  app.use(healthRouter(ctx, opts.draining));
  app.use('/api', apiRouter(ctx));

  const dist = opts.clientDist ?? CLIENT_DIST;
  if (existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: installableHeaders }));
    // Single-page app: every other GET that wants HTML gets the console.
    app.get(/^\/(?!api\/|webhooks\/|socket\.io\/).*/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dist, 'index.html'));
    });
  }
  app.use(notFoundApi);
  app.use(errorHandler(ctx.log));
  return app;
}
