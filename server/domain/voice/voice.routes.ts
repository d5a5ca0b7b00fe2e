import { randomBytes } from 'node:crypto';
import { idParam, trainingCallBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { createIntakeService } from '../contacts/intake.service.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { createCallLifecycle } from './call-lifecycle.js';
import { distributorFor } from './distribution.js';
import { voiceAccessToken } from './identity.js';

/** The softphone's configuration and token, and the training line (simulated calls when Twilio is not configured). */
export function voiceRoutes(ctx: AppContext): RouteDef[] {
  const hotline = only('operator', 'supervisor');
  const trainers = only('supervisor', 'admin');
  // Admins read it too: their training panel shows only on the training line.
  const viewers = only('operator', 'supervisor', 'admin');
  const intake = createIntakeService(ctx);
  const calls = createCallLifecycle(ctx);
  const training = () => {
    if (ctx.voice.mode !== 'training') throw new ConflictError('the training line runs only without Twilio: calls come in through Twilio here');
  };
  const trainingCall = async (id: number) => {
    const c = await ctx.db.selectFrom('contacts').select(['id', 'answered_at', 'ended_at', 'training']).where('id', '=', id).executeTakeFirst();
    if (!c || !c.training) throw new NotFoundError('no such training call');
    if (c.ended_at) throw new ConflictError('this training call has ended', { contactId: 'ended' });
    return c;
  };

  return [
    route('get', '/voice/config', viewers, async (_req, res) => {
      res.json({
        mode: ctx.voice.mode, softphone: !!ctx.config.softphone && ctx.voice.mode === 'twilio',
        offerTimeoutSeconds: ctx.config.VOICE_OFFER_TIMEOUT_SECONDS, wrapUpMaxSeconds: ctx.config.WRAP_UP_MAX_SECONDS,
        callbackMaxAttempts: ctx.config.CALLBACK_MAX_ATTEMPTS,
      });
    }),
    route('get', '/voice/token', hotline, async (req, res) => {
      const token = voiceAccessToken(ctx.config, req.user!.id);
      if (!token) throw new ConflictError('the softphone is not configured (TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID)');
      res.json(token);
    }),
    route('post', '/training/calls', trainers, validate({ body: trainingCallBody }), async (req, res) => {
      training();
      const sid = `TR${randomBytes(16).toString('hex')}`;
      const r = await intake.receiveCall({ callSid: sid, from: req.body.from, callStatus: 'ringing', training: true });
      await writeAudit(ctx.db, { actorUserId: req.user!.id, actorRole: req.user!.role, action: 'training.call', entityType: 'contact', entityId: r.id ?? undefined, ...requestOrigin(req) });
      distributorFor(ctx).kick();
      res.status(201).json({ contactId: r.id, ref: r.id == null ? null : contactRef(r.id) });
    }),
    // The simulated caller hangs up: waiting → a missed call (callback); put through → the call ends, wrap-up follows.
    route('post', '/training/calls/:id/hangup', trainers, validate({ params: idParam }), async (req, res) => {
      training();
      const c = await trainingCall((req.params as unknown as { id: number }).id);
      if (c.answered_at) await calls.callEnded(c.id, ctx.clock.now(), 'completed');
      else await calls.missed(c.id, 'abandoned_queue', ctx.clock.now());
      res.json({ contactId: c.id });
    }),
    // The simulated caller waited too long and leaves a voice message (no audio): a callback task.
    route('post', '/training/calls/:id/voicemail', trainers, validate({ params: idParam }), async (req, res) => {
      training();
      const c = await trainingCall((req.params as unknown as { id: number }).id);
      if (c.answered_at) throw new ConflictError('this training call was answered', { contactId: 'answered' });
      await ctx.db.updateTable('contacts').set({ queue_result: 'leave' }).where('id', '=', c.id).execute();
      await calls.voicemail(c.id);
      res.json({ contactId: c.id });
    }),
  ];
}
