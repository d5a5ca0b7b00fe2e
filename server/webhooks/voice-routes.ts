import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { createIntakeService } from '../domain/contacts/intake.service.js';
import { outboundCallback, outboundResult } from '../domain/callbacks/outbound-call.js';
import { createCallLifecycle } from '../domain/voice/call-lifecycle.js';
import { distributorFor } from '../domain/voice/distribution.js';
import { anyoneOnDuty } from '../domain/voice/operator-status.repo.js';
import * as twiml from '../domain/voice/twiml.js';
import { parseOrThrow } from '../http/validate.js';
import type { FormParams } from './twilio-signature.js';

export type Answer = { status: number; type?: string; body?: Buffer | string };
export type Route = (p: FormParams, query: URLSearchParams) => Promise<Answer>;

const XML = 'text/xml; charset=utf-8';
const ok = (body: string): Answer => ({ status: 200, type: XML, body });
const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… sid`);
const seconds = z.coerce.number().int().min(0).max(86_400);
/** A recording URL is kept only when it is Twilio's https media (never javascript: or http:). */
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

const voiceParams = z.object({ CallSid: sid('CA'), From: z.string().max(64).optional(), CallStatus: z.string().max(32).optional() });
const waitParams = z.object({ CallSid: sid('CA'), QueueTime: seconds.default(0) });
const queueResultParams = z.object({ CallSid: sid('CA'), QueueResult: z.string().max(32), QueueTime: seconds.optional() });
const legParams = z.object({ CallSid: sid('CA'), CallStatus: z.string().max(32) });
const conferenceParams = z.object({ StatusCallbackEvent: z.string().max(40), ConferenceSid: sid('CF').optional() });
const recordingParams = z.object({
  RecordingSid: sid('RE'), RecordingUrl: httpsUrl.optional(), RecordingStatus: z.string().max(32).default('completed'), RecordingDuration: seconds.optional(),
});
const outboundParams = z.object({ CallSid: sid('CA'), From: z.string().max(80), callbackContactId: z.coerce.number().int().min(1).max(2_147_483_647) });
const outboundResultParams = z.object({ DialCallStatus: z.string().max(32).default('unknown') });
const statusParams = z.object({ CallSid: sid('CA'), CallStatus: z.string().max(32).optional(), CallDuration: seconds.optional() });

/** The contact a per-call URL names (`?c=<id>`): set by us when we asked Twilio to call it. */
function contactOf(query: URLSearchParams): number {
  return parseOrThrow(z.object({ c: z.coerce.number().int().min(1).max(2_147_483_647) }), { c: query.get('c') ?? undefined }, 'webhook').c;
}

/** Twilio's voice webhooks: a call arrives, waits, leaves the queue, is put through, ends, is recorded. */
export function voiceRoutes(ctx: AppContext): Record<string, Route> {
  const intake = createIntakeService(ctx);
  const calls = createCallLifecycle(ctx);
  const distributor = distributorFor(ctx);
  const base = ctx.config.PUBLIC_BASE_URL;
  return {
    voice: async (params) => {
      const p = parseOrThrow(voiceParams, params, 'webhook');
      const r = await intake.receiveCall({ callSid: p.CallSid, from: p.From, callStatus: p.CallStatus });
      if (!r.duplicate) distributor.kick();
      return ok(twiml.greetAndQueue(base));
    },
    'voice/wait': async (params) => {
      const p = parseOrThrow(waitParams, params, 'webhook');
      if (p.QueueTime >= ctx.config.VOICE_MAX_WAIT_SECONDS || !(await anyoneOnDuty(ctx.db))) return ok(twiml.leaveQueue());
      return ok(twiml.waitMessage(ctx.config.VOICE_WAIT_MESSAGE_SECONDS, p.QueueTime < 5));
    },
    'voice/queue-result': async (params) => {
      const p = parseOrThrow(queueResultParams, params, 'webhook');
      const next = await calls.queueResult({ callSid: p.CallSid, result: p.QueueResult, queueTime: p.QueueTime ?? null });
      const c = next === 'voicemail' ? await calls.byCallSid(p.CallSid) : null;
      return ok(c ? twiml.offerVoicemail(base, c.id) : twiml.nothing());
    },
    'voice/voicemail': async (_params, q) => {
      await calls.voicemail(contactOf(q));
      return ok(twiml.thanksForMessage());
    },
    'voice/requeue': async () => ok(twiml.requeue(base)),
    'voice/connect': async (_params, q) => ok(twiml.callerIntoConference(base, contactOf(q))),
    'voice/agent': async (_params, q) => ok(twiml.operatorIntoConference(contactOf(q))),
    'voice/hold-music': async () => ok(twiml.holdMusic()),
    'voice/agent-status': async (params, q) => {
      const p = parseOrThrow(legParams, params, 'webhook');
      await calls.operatorLeg(contactOf(q), p.CallStatus);
      return { status: 204 };
    },
    'voice/conference': async (params, q) => {
      const p = parseOrThrow(conferenceParams, params, 'webhook');
      await calls.conference(contactOf(q), p.StatusCallbackEvent, p.ConferenceSid ?? null);
      return { status: 204 };
    },
    'voice/recording': async (params, q) => {
      const p = parseOrThrow(recordingParams, params, 'webhook');
      await calls.recording(contactOf(q), { sid: p.RecordingSid, url: p.RecordingUrl ?? null, status: p.RecordingStatus, seconds: p.RecordingDuration ?? null });
      return { status: 204 };
    },
    // The softphone's outgoing calls (the TwiML App's voice URL): callbacks only.
    'voice/outbound': async (params) => {
      const p = parseOrThrow(outboundParams, params, 'webhook');
      const dial = await outboundCallback(ctx, { from: p.From, contactId: p.callbackContactId, callSid: p.CallSid });
      if (!dial) return ok(twiml.refuseOutbound());
      return ok(twiml.dialCaller(base, { ...dial, callerId: ctx.config.twilio!.fromNumber, contactId: p.callbackContactId }));
    },
    'voice/outbound-result': async (params, q) => {
      const p = parseOrThrow(outboundResultParams, params, 'webhook');
      const a = parseOrThrow(z.object({ a: z.coerce.number().int().min(1).max(2_147_483_647) }), { a: q.get('a') ?? undefined }, 'webhook').a;
      await outboundResult(ctx, a, p.DialCallStatus);
      return ok(twiml.nothing());
    },
    'voice/status': async (params) => {
      const p = parseOrThrow(statusParams, params, 'webhook');
      const id = await calls.numberStatus({ callSid: p.CallSid, status: p.CallStatus ?? null, duration: p.CallDuration ?? null });
      if (id != null && p.CallStatus) await intake.updateCallStatus({ callSid: p.CallSid, callStatus: p.CallStatus });
      return { status: 204 };
    },
  };
}
