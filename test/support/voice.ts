import type { OfferEndReason, SettableStatus } from '../../shared/index.js';
import { distributorFor } from '../../server/domain/voice/distribution.js';
import { PUBLIC_URL } from './contacts.js';
import { createTestUser, loginAs, startTestApp, type TestApp } from './http.js';
import { scratchDatabase } from './scratch-database.js';
import { manualClock } from './sla.js';
import { once, readySocket, type ClientSocket } from './socket.js';
import { FakeTwilioHttp, newSid, signedTwilioPost, TEST_TWILIO } from './twilio.js';
import { parseTwiml } from './twiml.js';

type ScratchDatabase = Awaited<ReturnType<typeof scratchDatabase>>;

export interface Operator {
  id: number;
  cookie: string;
  socket: ClientSocket;
  status(status: SettableStatus): Promise<unknown>;
}

export interface VoiceScenario {
  app: TestApp;
  scratch: ScratchDatabase;
  twilio: FakeTwilioHttp;
  clock: ReturnType<typeof manualClock>;
  /** A logged-in operator with a live console. */
  operator(): Promise<Operator>;
  /** A signed voice webhook for a new call; returns its contact id and the TwiML answered. */
  call(from?: string): Promise<{ contactId: number; callSid: string; twiml: ReturnType<typeof parseTwiml> }>;
  /** A signed webhook to a voice path (query included); the parsed TwiML, or the status for non-XML answers. */
  post(path: string, params: Record<string, string>): Promise<{ status: number; text: string }>;
  distributor(): ReturnType<typeof distributorFor>;
  close(): void;
}

/**
 * The phone line on a database of its own (distribution pairs any waiting call with any available operator: no other
 * test's calls may be in it), Twilio's REST API replaced at its HTTP boundary, and a clock moved by hand.
 */
export function voiceScenario(opts: { twilio?: boolean; config?: Record<string, string> } = {}): VoiceScenario {
  const s = { twilio: new FakeTwilioHttp(), clock: manualClock('2026-11-23T02:00:00Z') } as VoiceScenario;
  const sockets: ClientSocket[] = [];
  before(async () => {
    s.scratch = await scratchDatabase();
    const twilio = opts.twilio === false ? {} : { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL };
    s.app = await startTestApp({ db: s.scratch.db, clock: s.clock, twilioHttp: s.twilio, config: { ...twilio, ...opts.config } });
  });
  after(async () => {
    s.close();
    await s.app?.close();
    await s.scratch?.drop();
  });
  s.close = () => sockets.splice(0).forEach((x) => x.disconnect());
  s.distributor = () => distributorFor(s.app.ctx);
  s.operator = async () => {
    const u = await createTestUser('operator', null, s.scratch.db);
    const cookie = await loginAs(s.app.baseUrl, u.username, u.password);
    const socket = await readySocket(s.app.baseUrl, cookie);
    sockets.push(socket);
    return { id: u.id, cookie, socket, status: (status) => socket.timeout(5000).emitWithAck('operator:status', { status }) };
  };
  s.post = async (path, params) => {
    const r = await signedTwilioPost(s.app.baseUrl, path, params, { publicBaseUrl: PUBLIC_URL });
    return { status: r.status, text: r.text };
  };
  s.call = async (from = '+84912000111') => {
    const callSid = newSid('CA');
    const r = await s.post('/webhooks/twilio/voice', { CallSid: callSid, From: from, CallStatus: 'ringing' });
    if (r.status !== 200) throw new Error(`voice webhook answered ${r.status}: ${r.text}`);
    const row = await s.scratch.db.selectFrom('contacts').select('id').where('twilio_sid', '=', callSid).executeTakeFirstOrThrow();
    return { contactId: row.id, callSid, twiml: parseTwiml(r.text) };
  };
  return s;
}

/** The next offer that rings in this console. */
export const offered = (o: Operator, ms = 5000) => once<{ offerId: number; contactId: number; expiresAt: string; contact: { repeatCount: number } }>(o.socket, 'call:offered', ms);
export const offerEnded = (o: Operator, ms = 5000) => once<{ offerId: number; contactId: number; reason: OfferEndReason }>(o.socket, 'call:offer-ended', ms);

/** Nothing arrives on this event for `ms`. */
export function silence(socket: ClientSocket, event: string, ms = 300): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (p: unknown) => reject(new Error(`unexpected ${event}: ${JSON.stringify(p)}`));
    (socket as any).once(event, listener);
    setTimeout(() => {
      (socket as any).off(event, listener);
      resolve();
    }, ms);
  });
}
