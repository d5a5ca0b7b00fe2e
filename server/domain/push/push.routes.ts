import { pushSubscriptionBody, pushUnsubscribeBody, type PushSubscriptionBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { validate } from '../../http/validate.js';
import { removeSubscription, saveSubscription } from './push-subscriptions.repo.js';
import { vapidKeys } from './vapid-keys.js';

/** Agency officers opt a device in to push alerts (and out again); the key their browser subscribes with. */
export function pushRoutes(ctx: Pick<AppContext, 'db' | 'config' | 'crypto' | 'clock'>): RouteDef[] {
  const officer = only('agency_officer');
  return [
    route('get', '/push/key', officer, async (_req, res) => {
      const vapid = await vapidKeys(ctx);
      res.json({ publicKey: vapid?.publicKey ?? null });
    }),
    route('post', '/push/subscriptions', officer, validate({ body: pushSubscriptionBody(ctx.config.PUSH_ALLOW_HTTP) }), async (req, res) => {
      await saveSubscription(ctx.db, req.user!.id, req.body as PushSubscriptionBody, ctx.clock.now());
      res.status(201).json({ subscribed: true });
    }),
    route('delete', '/push/subscriptions', officer, validate({ body: pushUnsubscribeBody }), async (req, res) => {
      await removeSubscription(ctx.db, req.user!.id, (req.body as { endpoint: string }).endpoint);
      res.status(204).end();
    }),
  ];
}
