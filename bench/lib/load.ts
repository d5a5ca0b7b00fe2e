import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { now } from './stats.js';

/** One signed webhook sent by the generator; `sentAt` is epoch ms (sub-ms), `latencyMs` send → full response. */
export interface Sent {
  kind: 'voice' | 'sms';
  sid: string;
  sentAt: number;
  latencyMs: number;
  ok: boolean;
}

export interface StepLoad {
  rate: number;
  seconds: number;
  sent: Sent[];
  errors: number;
  errorSamples: string[];
  achievedRate: number;
  /** How late the generator fired requests behind its schedule (a starved generator shows here, not as server latency). */
  lagP99Ms: number;
}

/** Twilio's documented signing: HMAC-SHA1 over the URL then each parameter name+value sorted by name; base64. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

const sid = (prefix: 'CA' | 'SM') => `${prefix}${randomBytes(16).toString('hex')}`;
const BODIES = ['Em cần giúp đỡ', 'Cháu bị đánh ở nhà', 'Có người hứa việc làm bên Trung Quốc', 'Xin tư vấn', 'Bạn em bị mất liên lạc'];

/**
 * Open-loop webhook traffic at a fixed rate: ~70 % voice, ~30 % SMS, a fresh caller number almost every time,
 * a few repeat callers, and a few SMS follow-ups into a conversation whose previous message was already answered
 * (so each follow-up's unread count identifies it exactly on the consoles).
 */
export class WebhookLoad {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128, scheduling: 'fifo' });
  private nextNumber = 0;
  private readonly voiceNumbers: string[] = [];
  private readonly idleSms: string[] = [];

  constructor(private readonly opts: { port: number; publicBaseUrl: string; authToken: string }) {}

  private number(): string {
    return `+849${String(this.nextNumber++).padStart(8, '0')}`;
  }

  private request(kind: 'voice' | 'sms'): { path: string; params: Record<string, string>; from: string } {
    if (kind === 'voice') {
      const repeat = this.voiceNumbers.length > 0 && Math.random() < 0.05;
      const from = repeat ? this.voiceNumbers[Math.floor(Math.random() * this.voiceNumbers.length)]! : this.number();
      if (!repeat && this.voiceNumbers.length < 10_000) this.voiceNumbers.push(from);
      return { path: '/webhooks/twilio/voice', from, params: { CallSid: sid('CA'), From: from, To: '111', CallStatus: 'ringing' } };
    }
    const repeat = this.idleSms.length > 0 && Math.random() < 0.1;
    const from = repeat ? this.idleSms.splice(Math.floor(Math.random() * this.idleSms.length), 1)[0]! : this.number();
    const body = BODIES[this.nextNumber % BODIES.length]!;
    return { path: '/webhooks/twilio/messaging', from, params: { MessageSid: sid('SM'), From: from, To: '111', Body: body } };
  }

  async runStep(rate: number, seconds: number): Promise<StepLoad> {
    const total = Math.round(rate * seconds);
    const sent: Sent[] = new Array(total);
    const lags = new Float64Array(total);
    const result: StepLoad = { rate, seconds, sent, errors: 0, errorSamples: [], achievedRate: 0, lagP99Ms: 0 };
    let done = 0;
    let fired = 0;
    let finish!: () => void;
    const allDone = new Promise<void>((r) => (finish = r));
    const fail = (what: string) => {
      result.errors++;
      if (result.errorSamples.length < 5) result.errorSamples.push(what);
    };

    const fire = (i: number) => {
      const kind = Math.random() < 0.7 ? 'voice' : 'sms';
      const { path, params, from } = this.request(kind);
      const body = new URLSearchParams(params).toString();
      const signature = twilioSignature(this.opts.authToken, `${this.opts.publicBaseUrl}${path}`, params);
      const entry: Sent = { kind, sid: kind === 'voice' ? params.CallSid! : params.MessageSid!, sentAt: now(), latencyMs: NaN, ok: false };
      sent[i] = entry;
      const settle = (ok: boolean, what?: string) => {
        if (!Number.isNaN(entry.latencyMs)) return;
        entry.latencyMs = now() - entry.sentAt;
        entry.ok = ok;
        if (!ok) fail(what ?? 'error');
        if (kind === 'sms' && ok && this.idleSms.length < 5000) this.idleSms.push(from);
        if (++done === total) finish();
      };
      const req = http.request(
        {
          agent: this.agent, host: '127.0.0.1', port: this.opts.port, method: 'POST', path,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => settle(res.statusCode === 200, `HTTP ${res.statusCode} on ${path}`));
          res.on('error', (e) => settle(false, e.message));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out after 10 s')));
      req.on('error', (e) => settle(false, `${e.message} on ${path}`));
      req.end(body);
    };

    // One timer wake-up per request interval, 2–10 ms: finer pacing costs the generator CPU the server needs.
    const tickMs = Math.min(10, Math.max(2, 1000 / rate));
    const t0 = now();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const t = now();
        const due = Math.min(total, Math.floor(((t - t0) * rate) / 1000) + 1);
        while (fired < due) {
          lags[fired] = t - (t0 + (fired * 1000) / rate);
          fire(fired++);
        }
        if (fired < total) setTimeout(tick, tickMs);
        else resolve();
      };
      tick();
    });
    const sendSeconds = (now() - t0) / 1000;
    await allDone;
    result.achievedRate = total / Math.max(sendSeconds, seconds);
    lags.sort();
    result.lagP99Ms = lags[Math.floor(lags.length * 0.99)] ?? 0;
    return result;
  }

  close() {
    this.agent.destroy();
  }
}
