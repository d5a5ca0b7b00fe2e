import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import type { Config } from '../../config.js';

/** How long a softphone token lives; the console fetches a new one before it expires (tokenWillExpire). */
export const TOKEN_TTL_SECONDS = 3600;

/**
 * The operator's softphone identity: opaque and stable ("op_" and a keyed hash of the user id), never a name or a
 * phone number, so nothing personal reaches Twilio's client registry or its logs.
 */
export function operatorIdentity(secret: string, userId: number): string {
  return `op_${createHmac('sha256', secret).update(`voice:${userId}`).digest('hex').slice(0, 24)}`;
}

/** A short-lived access token for the Voice SDK: incoming calls to the identity, outgoing calls through the TwiML App. */
export function voiceAccessToken(config: Pick<Config, 'twilio' | 'softphone' | 'SESSION_SECRET'>, userId: number) {
  if (!config.twilio || !config.softphone) return null;
  const identity = operatorIdentity(config.SESSION_SECRET, userId);
  // Twilio checks tokens against real time: they are minted on the machine's clock, never the app's injected one.
  const now = new Date();
  const token = new twilio.jwt.AccessToken(config.twilio.accountSid, config.softphone.apiKeySid, config.softphone.apiKeySecret, {
    identity,
    ttl: TOKEN_TTL_SECONDS,
  });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: config.softphone.twimlAppSid }));
  return { token: token.toJwt(), identity, expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000).toISOString() };
}
