import { z } from 'zod';
import { disclosureGrantBody, idParam } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { insertGrant, revokeGrants } from './grants.js';

const revokeParams = z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });

/**
 * A supervisor lets one operator see one case's identity (its contact and referrals) for a few hours, say to call
 * a victim back while its handler is off shift; or ends that early. Both are audited.
 */
export function disclosureGrantRoutes(ctx: AppContext): RouteDef[] {
  const supervisor = only('supervisor');
  return [
    route('post', '/supervisor/contacts/:id/grants', supervisor, validate({ params: idParam, body: disclosureGrantBody }), async (req, res) => {
      const contactId = (req.params as unknown as { id: number }).id;
      const { userId, hours } = req.body as z.infer<typeof disclosureGrantBody>;
      const contact = await ctx.db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
      if (!contact) throw new NotFoundError('no such contact');
      const user = await ctx.db.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
      if (!user || !user.active || user.role !== 'operator') throw new ValidationError('grants are for active operators', { userId: 'not an active operator' });
      const grant = await ctx.db.transaction().execute(async (tx) => {
        const g = await insertGrant(tx, { contactId, userId, grantedBy: req.user!.id, hours });
        await writeAudit(tx, {
          actorUserId: req.user!.id, actorRole: req.user!.role, action: 'disclosure.grant', entityType: 'contact', entityId: contactId,
          ...requestOrigin(req), details: { userId, hours, grantId: g.id },
        });
        return g;
      });
      res.status(201).json({ grant: { id: grant.id, contactId, userId, expiresAt: new Date(grant.expires_at).toISOString() } });
    }),
    route('delete', '/supervisor/contacts/:id/grants/:userId', supervisor, validate({ params: revokeParams }), async (req, res) => {
      const { id: contactId, userId } = req.params as unknown as z.infer<typeof revokeParams>;
      const ended = await ctx.db.transaction().execute(async (tx) => {
        const n = await revokeGrants(tx, contactId, userId);
        if (n) await writeAudit(tx, { actorUserId: req.user!.id, actorRole: req.user!.role, action: 'disclosure.revoke', entityType: 'contact', entityId: contactId, ...requestOrigin(req), details: { userId } });
        return n;
      });
      if (!ended) throw new NotFoundError('no grant in force for this operator and contact');
      res.status(204).end();
    }),
  ];
}
