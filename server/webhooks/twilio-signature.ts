import twilio from 'twilio';

export type FormParams = Record<string, string | string[] | undefined>;

/**
 * Checks X-Twilio-Signature with the twilio library's validator, against the public URL Twilio called
 * (PUBLIC_BASE_URL + path and query) and the posted form parameters.
 */
export function signedByTwilio(authToken: string, publicBaseUrl: string, originalUrl: string, params: FormParams, signature: string | undefined): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, `${publicBaseUrl}${originalUrl}`, params as Record<string, string>);
}
