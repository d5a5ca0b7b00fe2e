import express, { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { createAuthService } from '../domain/auth/auth.service.js';
import { authRoutes } from '../domain/auth/auth.routes.js';
import { usersRoutes } from '../domain/users/users.routes.js';
import { unitsRoutes } from '../domain/units/units.routes.js';
import { agenciesRoutes } from '../domain/agencies/agencies.routes.js';
import { contactsRoutes } from '../domain/contacts/contacts.routes.js';
import { referralsServiceFor } from '../domain/referrals/referrals.factory.js';
import { referralsRoutes } from '../domain/referrals/referrals.routes.js';
import { routingRulesRoutes } from '../domain/routing/rules.routes.js';
import { shelterRoutes } from '../domain/routing/shelter.routes.js';
import { failedJobsRoutes } from '../domain/supervisor/failed-jobs.routes.js';
import { outboxRoutes } from '../domain/notifications/outbox.routes.js';
import { reportsRoutes } from '../domain/reports/reports.routes.js';
import { slaBoardRoutes } from '../domain/sla/board.routes.js';
import { slaSettingsRoutes } from '../domain/sla/sla-settings.routes.js';
import { voiceRoutes } from '../domain/voice/voice.routes.js';
import { callbacksRoutes } from '../domain/callbacks/callbacks.routes.js';
import { recordingRoutes } from '../domain/voice/recording.routes.js';
import { disclosureGrantRoutes } from '../domain/disclosure/grants.routes.js';
import { searchRoutes } from '../domain/search/search.routes.js';
import { auditRoutes } from '../domain/audit/audit.routes.js';
import { casesRoutes } from '../domain/cases/cases.routes.js';
import { pushRoutes } from '../domain/push/push.routes.js';
import { notFoundApi } from './error-handler.js';
import { noStore, sameOriginJson } from './guards.js';
import { buildRouter, type RouteDef } from './routes.js';
import { sessionMiddleware } from './session.js';

/** Every API route of every feature, each with its declared access rule. */
export function apiRouteDefs(ctx: AppContext, auth = createAuthService(ctx)): RouteDef[] {
  return [
    ...authRoutes(ctx, auth),
    ...usersRoutes(ctx),
    ...unitsRoutes(ctx),
    ...agenciesRoutes(ctx),
    ...contactsRoutes(ctx),
    ...referralsRoutes(ctx, referralsServiceFor(ctx)),
    ...routingRulesRoutes(ctx),
    ...shelterRoutes(ctx),
    ...failedJobsRoutes(ctx),
    ...outboxRoutes(ctx),
    ...reportsRoutes(ctx),
    ...slaSettingsRoutes(ctx),
    ...slaBoardRoutes(ctx),
    ...voiceRoutes(ctx),
    ...callbacksRoutes(ctx),
    ...recordingRoutes(ctx),
    ...disclosureGrantRoutes(ctx),
    ...searchRoutes(ctx),
    ...auditRoutes(ctx),
    ...casesRoutes(ctx),
    ...pushRoutes(ctx),
  ];
}

export function apiRouter(ctx: AppContext): Router {
  const auth = createAuthService(ctx);
  const router = Router();
  router.use(noStore, express.json({ limit: '256kb' }), sameOriginJson, sessionMiddleware(auth));
  router.use(buildRouter(apiRouteDefs(ctx, auth)));
  router.use(notFoundApi); // default deny: nothing undeclared answers
  return router;
}
