import { idParam, routingRuleBody, type RoutingRuleBody, type SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { NotFoundError } from '../errors.js';
import { createRule, listRules, updateRule } from './rules.repo.js';

/** What an audit entry may say about a rule: its shape, never anything about a case. */
const auditDetails = (b: RoutingRuleBody) => ({
  name: b.name,
  track: b.track,
  position: b.position,
  active: b.active,
  filter: Object.keys(b.filter),
  targets: b.targets.map((t) => `${t.agencyType}@${t.scope}/${t.timeoutMinutes}m`),
  onExhausted: b.onExhausted,
});

/** Routing rules are configuration (like TaskRouter workflows): administrators only. Register under /api. */
export function routingRulesRoutes(ctx: Pick<AppContext, 'db'>): RouteDef[] {
  const { db } = ctx;
  const admin = only('admin');
  const idOf = (params: unknown) => (params as { id: number }).id;
  const audit = (tx: Executor, user: SessionUser, origin: ReturnType<typeof requestOrigin>, action: string, id: number, body: RoutingRuleBody) =>
    writeAudit(tx, {
      actorUserId: user.id, actorRole: user.role, action, entityType: 'routing_rule', entityId: id, ...origin, details: auditDetails(body),
    });

  return [
    route('get', '/admin/routing-rules', admin, async (_req, res) => {
      res.json({ rules: await listRules(db) });
    }),
    route('post', '/admin/routing-rules', admin, validate({ body: routingRuleBody }), async (req, res) => {
      const body = req.body as RoutingRuleBody;
      const rule = await db.transaction().execute(async (tx) => {
        const created = await createRule(tx, body);
        await audit(tx, req.user!, requestOrigin(req), 'routing_rule.create', created.id, body);
        return created;
      });
      res.status(201).json({ rule });
    }),
    route('put', '/admin/routing-rules/:id', admin, validate({ params: idParam, body: routingRuleBody }), async (req, res) => {
      const body = req.body as RoutingRuleBody;
      const id = idOf(req.params);
      const rule = await db.transaction().execute(async (tx) => {
        const updated = await updateRule(tx, id, body);
        if (!updated) throw new NotFoundError('no such routing rule');
        await audit(tx, req.user!, requestOrigin(req), 'routing_rule.update', id, body);
        return updated;
      });
      res.json({ rule });
    }),
  ];
}
