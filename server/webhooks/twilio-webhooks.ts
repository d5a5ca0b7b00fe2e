import type { IncomingMessage, ServerResponse } from 'node:http';
import twilio from 'twilio';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { createIntakeService, normalisePhone } from '../domain/contacts/intake.service.js';
import { parseSmsCommand } from '../domain/sms-commands/parse.js';
import { createSmsCommandsService } from '../domain/sms-commands/sms-commands.service.js';
import { syncMessage } from '../domain/notifications/deliver.js';
import { notificationsChanged } from '../domain/notifications/notification-events.js';
import { setStatusByProviderSid } from '../domain/notifications/notifications.repo.js';
import { parseOrThrow } from '../http/validate.js';
import { readForm, send, sendError } from './form-request.js';
import { signedByTwilio } from './twilio-signature.js';
import { voiceRoutes, type Route } from './voice-routes.js';

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… sid`);
const messageParams = z.object({ MessageSid: sid('(SM|MM)'), From: z.string().min(1), Body: z.string().max(5000).default('') });
const messageStatusParams = z.object({
  MessageSid: sid('(SM|MM)'),
  MessageStatus: z.string(),
  ErrorCode: z.string().optional(),
});

/** The answer never varies: built once with the twilio library instead of once per webhook. */
const EMPTY_MESSAGING_TWIML = Buffer.from(new twilio.twiml.MessagingResponse().toString());
const XML = 'text/xml; charset=utf-8';

/** Twilio's status words mapped onto ours. */
const DELIVERY: Record<string, 'sent' | 'delivered' | 'undelivered' | 'failed' | undefined> = {
  sent: 'sent', delivered: 'delivered', read: 'delivered', undelivered: 'undelivered', failed: 'failed',
};

const PREFIX = '/webhooks/twilio/';
const BODY_LIMIT = 64 * 1024;


/**
 * Twilio's voice (voice-routes.ts) and messaging webhooks: signature-checked, idempotent on CallSid/MessageSid, answered fast.
 *
 * They are served on node:http directly, ahead of the express app. A webhook needs none of what the API's stack
 * does per request (sessions, cookies, CSRF, JSON, routing through every router), and at a thousand calls and
 * messages a second that stack was the largest share of the server's CPU and of its garbage (see bench/README.md).
 * `handle` answers false for anything that is not one of these four POSTs, and express serves it (404 included).
 */
export function twilioWebhooks(ctx: AppContext) {
  const intake = createIntakeService(ctx);
  const smsCommands = createSmsCommandsService(ctx);
  let warnedDisabled = false;

  const routes: Record<string, Route> = {
    ...voiceRoutes(ctx),
    messaging: async (params) => {
      const p = parseOrThrow(messageParams, params, 'webhook');
      const channel = p.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
      // A focal point answering an alert (NHAN/TUCHOI/HOTRO <code>): acted on, never an intake message.
      const command = channel === 'sms' ? parseSmsCommand(p.Body) : null;
      const from = normalisePhone(p.From);
      if (command && from) {
        await smsCommands.handle({ messageSid: p.MessageSid, from, parsed: command });
        return { status: 200, type: XML, body: EMPTY_MESSAGING_TWIML };
      }
      await intake.receiveMessage({ messageSid: p.MessageSid, from: p.From, body: p.Body, channel });
      return { status: 200, type: XML, body: EMPTY_MESSAGING_TWIML };
    },
    'messaging/status': async (params) => {
      const p = parseOrThrow(messageStatusParams, params, 'webhook');
      const status = DELIVERY[p.MessageStatus];
      if (status) {
        const n = await setStatusByProviderSid(ctx.db, p.MessageSid, status, p.ErrorCode ? `twilio error ${p.ErrorCode}` : null, ctx.clock.now());
        if (n) {
          await syncMessage(ctx, n.contact_message_id, status);
          notificationsChanged(ctx, [n.id]);
        }
      }
      return { status: 204 };
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse, route: Route, path: string, query: URLSearchParams) {
    try {
      const params = await readForm(req, BODY_LIMIT);
      const twilioConfig = ctx.config.twilio;
      if (!twilioConfig) {
        if (!warnedDisabled) ctx.log.warn('Twilio webhooks are refused: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER');
        warnedDisabled = true;
        return send(res, 403, 'text/plain; charset=utf-8', 'webhooks disabled: Twilio is not configured');
      }
      const signature = req.headers['x-twilio-signature'];
      if (!signedByTwilio(twilioConfig.authToken, ctx.config.PUBLIC_BASE_URL, req.url!, params, typeof signature === 'string' ? signature : undefined)) {
        ctx.log.warn(`refused a Twilio webhook with a ${signature ? 'bad' : 'missing'} signature on ${path}`);
        return send(res, 403, 'text/plain; charset=utf-8', 'invalid signature');
      }
      const answer = await route(params, query);
      send(res, answer.status, answer.type ?? 'text/plain; charset=utf-8', answer.body);
    } catch (err) {
      sendError(res, err, ctx.log, path);
    }
  }

  return {
    /** Serves the request when it is one of Twilio's webhooks; false leaves it to express. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.method !== 'POST' || !req.url?.startsWith(PREFIX)) return false;
      const q = req.url.indexOf('?');
      const path = q === -1 ? req.url : req.url.slice(0, q);
      const route = routes[path.slice(PREFIX.length)];
      if (!route) return false;
      void serve(req, res, route, path, new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1)));
      return true;
    },
  };
}
