import twilio from 'twilio';
import type { Config } from '../../config.js';

export type SendResult = { provider: 'twilio'; sid: string } | { provider: 'outbox'; sid: null };

export interface SmsSender {
  readonly provider: 'twilio' | 'outbox';
  send(m: { channel: 'sms' | 'whatsapp'; to: string; body: string }): Promise<SendResult>;
}

/** Twilio's error codes that no retry can fix (invalid or unreachable number, blocked, opted out). */
const PERMANENT = new Set([21211, 21408, 21610, 21612, 21614, 63003, 63024]);

export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/**
 * Why outbound messages stay in the local outbox, as a code the console labels: no Twilio credentials, or
 * OUTBOUND_SMS=outbox (training, staging) although Twilio is configured. null: they go to Twilio.
 */
export type OutboxReason = 'twilio_not_configured' | 'outbound_sms_outbox';

export function outboxReason(config: Pick<Config, 'twilio' | 'OUTBOUND_SMS'>): OutboxReason | null {
  if (!config.twilio) return 'twilio_not_configured';
  return config.OUTBOUND_SMS === 'outbox' ? 'outbound_sms_outbox' : null;
}

/**
 * Outbound SMS/WhatsApp through Twilio's REST API, or the local outbox when no credentials are configured.
 * `httpClient` is Twilio's own HTTP boundary: tests replace it, and only it.
 */
export function createSmsSender(config: Pick<Config, 'twilio' | 'PUBLIC_BASE_URL' | 'OUTBOUND_SMS'>, opts: { httpClient?: unknown } = {}): SmsSender {
  if (outboxReason(config) || !config.twilio) {
    return { provider: 'outbox', send: async () => ({ provider: 'outbox', sid: null }) };
  }
  const { accountSid, authToken, fromNumber } = config.twilio;
  const client = twilio(accountSid, authToken, opts.httpClient ? { httpClient: opts.httpClient as never } : {});
  const statusCallback = `${config.PUBLIC_BASE_URL}/webhooks/twilio/messaging/status`;
  return {
    provider: 'twilio',
    async send({ channel, to, body }) {
      const prefix = channel === 'whatsapp' ? 'whatsapp:' : '';
      try {
        const msg = await client.messages.create({ to: `${prefix}${to}`, from: `${prefix}${fromNumber}`, body, statusCallback });
        return { provider: 'twilio', sid: msg.sid };
      } catch (err) {
        const code = (err as { code?: number }).code;
        if (code != null && PERMANENT.has(code)) throw new PermanentSendError(`Twilio refused the message (error ${code})`);
        throw err;
      }
    },
  };
}
