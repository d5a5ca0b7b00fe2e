import { draftBody, idParam, manualIntakeBody, replyBody, wrapUpBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { listOpenSummaries } from './contacts.repo.js';
import { createIntakeService } from './intake.service.js';
import { createMessagingService } from './messaging.service.js';
import { createTriageService } from './triage.service.js';

/** The hotline's own contacts: operators and supervisors only (agency officers never see a contact). */
export function contactsRoutes(ctx: AppContext): RouteDef[] {
  const intake = createIntakeService(ctx);
  const triage = createTriageService(ctx);
  const messaging = createMessagingService(ctx);
  const hotline = only('operator', 'supervisor');
  const actor = (req: Parameters<RouteDef['handlers'][number]>[0]) => ({ user: req.user!, origin: requestOrigin(req) });
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;

  return [
    route('get', '/contacts/queue', hotline, async (_req, res) => {
      res.json({ contacts: await listOpenSummaries(ctx.db) });
    }),
    route('post', '/contacts', hotline, validate({ body: manualIntakeBody }), async (req, res) => {
      res.status(201).json({ contact: await intake.manualIntake(req.body, req.user!, requestOrigin(req)) });
    }),
    route('get', '/contacts/:id', hotline, validate({ params: idParam }), async (req, res) => {
      res.json({ contact: await triage.open(id(req), actor(req)) });
    }),
    route('post', '/contacts/:id/claim', hotline, validate({ params: idParam }), async (req, res) => {
      res.json({ contact: await triage.claim(id(req), actor(req)) });
    }),
    route('post', '/contacts/:id/release', hotline, validate({ params: idParam }), async (req, res) => {
      res.json({ contact: await triage.release(id(req), actor(req)) });
    }),
    route('put', '/contacts/:id/draft', hotline, validate({ params: idParam, body: draftBody }), async (req, res) => {
      res.json(await triage.saveDraft(id(req), req.body, actor(req)));
    }),
    route('post', '/contacts/:id/wrap-up', hotline, validate({ params: idParam, body: wrapUpBody }), async (req, res) => {
      res.json({ contact: await triage.wrapUp(id(req), req.body, actor(req)) });
    }),
    route('post', '/contacts/:id/messages', hotline, validate({ params: idParam, body: replyBody }), async (req, res) => {
      res.status(201).json({ message: await messaging.reply(id(req), req.body.body, actor(req)) });
    }),
  ];
}
