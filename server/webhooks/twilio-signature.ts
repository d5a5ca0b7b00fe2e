import type { RequestHandler } from 'express';
import twilio from 'twilio';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * Checks X-Twilio-Signature with the twilio library's validator, against the public URL Twilio called
 * (PUBLIC_BASE_URL + path and query) and the posted form parameters. Anything else gets 403 and is not stored.
 */
export function twilioSignature(config: Pick<Config, 'twilio' | 'PUBLIC_BASE_URL'>, log: Logger): RequestHandler {
  let warned = false;
  return (req, res, next) => {
    if (!config.twilio) {
      if (!warned) log.warn('Twilio webhooks are refused: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER');
      warned = true;
      res.status(403).type('text/plain').send('webhooks disabled: Twilio is not configured');
      return;
    }
    const signature = req.get('x-twilio-signature');
    const url = `${config.PUBLIC_BASE_URL}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, string>;
    if (!signature || !twilio.validateRequest(config.twilio.authToken, signature, url, params)) {
      log.warn(`refused a Twilio webhook with a ${signature ? 'bad' : 'missing'} signature on ${req.path}`);
      res.status(403).type('text/plain').send('invalid signature');
      return;
    }
    next();
  };
}
