import { Router, type RequestHandler } from 'express';
import type { Role } from '../../shared/index.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';

/**
 * Who may call a route. Every route must state one: the type makes `allow` required,
 * and the API router refuses (404) anything not declared here.
 */
export type Access = { public: true } | { authenticated: true } | { roles: readonly Role[] };

export const PUBLIC: Access = { public: true };
export const ANY_USER: Access = { authenticated: true };
export const only = (...roles: Role[]): Access => ({ roles });

export interface RouteDef {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  allow: Access;
  handlers: RequestHandler[];
}

export function permit(access: Access): RequestHandler {
  return (req, _res, next) => {
    if ('public' in access) return next();
    if (!req.user) throw new UnauthenticatedError('login required');
    if ('roles' in access && !access.roles.includes(req.user.role))
      throw new ForbiddenError('your role may not do this');
    next();
  };
}

/** Builds a router from route definitions, putting the permission check before every handler. */
export function buildRouter(defs: RouteDef[]): Router {
  const router = Router();
  for (const d of defs) router[d.method](d.path, permit(d.allow), ...d.handlers);
  return router;
}

export const route = (method: RouteDef['method'], path: string, allow: Access, ...handlers: RequestHandler[]): RouteDef => ({
  method,
  path,
  allow,
  handlers,
});
