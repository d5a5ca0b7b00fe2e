import type { FieldCrypto } from '../crypto/field-crypto.js';

/**
 * Free text on a referral's timeline (a decline or close reason, a pause reason, a resume or assign note) can name
 * the victim, so it is stored encrypted in the event's details under `<key>Enc`, never in clear.
 */
export const EVENT_TEXT_KEYS = [['reason', 'reasonEnc'], ['note', 'noteEnc']] as const;
type TextKey = (typeof EVENT_TEXT_KEYS)[number][0];

/** The encrypted entries to spread into an event's details; empty text is left out. */
export function sealedText(crypto: FieldCrypto, text: Partial<Record<TextKey, string | null>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [plain, enc] of EVENT_TEXT_KEYS) {
    const v = text[plain];
    if (v) out[enc] = crypto.encrypt(v);
  }
  return out;
}

/** Refuses details carrying free text in clear: a writer that forgot sealedText fails loudly instead of leaking. */
export function assertSealed(details: Record<string, unknown>) {
  for (const [plain] of EVENT_TEXT_KEYS) if (plain in details) throw new Error(`referral event details must not carry "${plain}" in clear`);
}

/** The details as a viewer gets them: the text decrypted when the disclosure decision shows it, else left out. */
export function openedText(crypto: FieldCrypto, details: Record<string, unknown>, show: boolean): Record<string, unknown> {
  const out = { ...details };
  for (const [plain, enc] of EVENT_TEXT_KEYS) {
    const v = out[enc];
    delete out[enc];
    if (show && typeof v === 'string') out[plain] = crypto.decrypt(v);
  }
  return out;
}
