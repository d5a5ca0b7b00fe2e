import type { AddressInfo } from 'node:net';
import express from 'express';
import type { SessionUser } from '../../shared/index.js';
import { errorHandler } from '../../server/http/error-handler.js';
import { buildRouter, type RouteDef } from '../../server/http/routes.js';
import { createLogger } from '../../server/logger.js';

/**
 * Serves route definitions that are not registered in the API yet, with their real permission checks,
 * validation and error mapping. The session is faked: the `x-test-user` header carries the SessionUser as JSON.
 */
export async function startRouteApp(defs: RouteDef[]): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    const u = req.get('x-test-user');
    if (u) req.user = JSON.parse(u) as SessionUser;
    next();
  });
  app.use('/api', buildRouter(defs));
  app.use(errorHandler(createLogger('test', { silent: true })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export function asUser(u: Partial<SessionUser> & Pick<SessionUser, 'id' | 'role'>): Record<string, string> {
  const user: SessionUser = { username: `u${u.id}`, displayName: 'Test', agencyId: null, agencyName: null, locale: 'vi', ...u };
  return { 'x-test-user': JSON.stringify(user) };
}

export async function call(baseUrl: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(opts.body !== undefined && { 'content-type': 'application/json' }), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
}
