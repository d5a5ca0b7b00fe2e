import express, { Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { createIntakeService } from '../domain/contacts/intake.service.js';
import { setStatusByProviderSid } from '../domain/notifications/notifications.repo.js';
import { syncMessage } from '../domain/notifications/deliver.js';
import { parseOrThrow } from '../http/validate.js';
import { twilioSignature } from './twilio-signature.js';

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… sid`);
const voiceParams = z.object({ CallSid: sid('CA'), From: z.string().optional(), CallStatus: z.string().optional() });
const voiceStatusParams = voiceParams.extend({
  CallDuration: z.coerce.number().int().min(0).optional(),
  RecordingUrl: z.url().optional(),
});
const messageParams = z.object({ MessageSid: sid('(SM|MM)'), From: z.string().min(1), Body: z.string().max(5000).default('') });
const messageStatusParams = z.object({
  MessageSid: sid('(SM|MM)'),
  MessageStatus: z.string(),
  ErrorCode: z.string().optional(),
});

const GREETING =
  'Tổng đài quốc gia bảo vệ trẻ em 111 xin chào. Cuộc gọi của bạn được giữ bí mật và miễn phí. Xin vui lòng giữ máy, tư vấn viên sẽ trả lời ngay.';

/** The answers never vary: built once with the twilio library instead of once per webhook. */
const VOICE_TWIML = (() => {
  const twiml = new twilio.twiml.VoiceResponse();
  twiml.say({ language: 'vi-VN' }, GREETING);
  twiml.enqueue('hotline111');
  return twiml.toString();
})();
const EMPTY_MESSAGING_TWIML = new twilio.twiml.MessagingResponse().toString();

/** Twilio's status words mapped onto ours. */
const DELIVERY: Record<string, 'sent' | 'delivered' | 'undelivered' | 'failed' | undefined> = {
  sent: 'sent', delivered: 'delivered', read: 'delivered', undelivered: 'undelivered', failed: 'failed',
};

/** Voice and messaging webhooks: signature-checked, idempotent on CallSid/MessageSid, answered fast. */
export function twilioRouter(ctx: AppContext): Router {
  const router = Router();
  const intake = createIntakeService(ctx);
  router.use(express.urlencoded({ extended: false, limit: '64kb' }), twilioSignature(ctx.config, ctx.log));

  router.post('/voice', async (req, res) => {
    const p = parseOrThrow(voiceParams, req.body, 'webhook');
    await intake.receiveCall({ callSid: p.CallSid, from: p.From, callStatus: p.CallStatus });
    res.type('text/xml').send(VOICE_TWIML);
  });

  router.post('/voice/status', async (req, res) => {
    const p = parseOrThrow(voiceStatusParams, req.body, 'webhook');
    await intake.updateCallStatus({ callSid: p.CallSid, callStatus: p.CallStatus, duration: p.CallDuration ?? null, recordingUrl: p.RecordingUrl ?? null });
    res.status(204).end();
  });

  router.post('/messaging', async (req, res) => {
    const p = parseOrThrow(messageParams, req.body, 'webhook');
    const channel = p.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    await intake.receiveMessage({ messageSid: p.MessageSid, from: p.From, body: p.Body, channel });
    res.type('text/xml').send(EMPTY_MESSAGING_TWIML);
  });

  router.post('/messaging/status', async (req, res) => {
    const p = parseOrThrow(messageStatusParams, req.body, 'webhook');
    const status = DELIVERY[p.MessageStatus];
    if (status) {
      const n = await setStatusByProviderSid(ctx.db, p.MessageSid, status, p.ErrorCode ? `twilio error ${p.ErrorCode}` : null, ctx.clock.now());
      if (n) await syncMessage(ctx, n.contact_message_id, status);
    }
    res.status(204).end();
  });
  return router;
}
