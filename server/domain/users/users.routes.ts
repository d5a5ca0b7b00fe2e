import { createUserBody, idParam, updateUserBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { createUsersService } from './users.service.js';

/**
 * Admin user accounts. The create and update bodies carry where an operator's calls ring (voiceDevice, voiceAddress:
 * shared/schemas/users.ts); call-desk.ts dials it when the operator answers.
 */
export function usersRoutes(ctx: AppContext): RouteDef[] {
  const users = createUsersService(ctx);
  const admin = only('admin');
  return [
    route('get', '/admin/users', admin, async (_req, res) => {
      res.json({ users: await users.list() });
    }),
    route('post', '/admin/users', admin, validate({ body: createUserBody }), async (req, res) => {
      const user = await users.create(req.body, { user: req.user!, origin: requestOrigin(req) });
      res.status(201).json({ user });
    }),
    route('put', '/admin/users/:id', admin, validate({ params: idParam, body: updateUserBody }), async (req, res) => {
      const id = (req.params as unknown as { id: number }).id;
      const user = await users.update(id, req.body, { user: req.user!, origin: requestOrigin(req) });
      res.json({ user });
    }),
  ];
}
