import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for victim and caller fields (AES-256-GCM, a fresh IV per value) and a keyed hash of
 * phone numbers, so repeat callers can be found without storing the number readably. Both keys derive from
 * DATA_KEY; rotating it needs a re-encryption migration (the "v1" prefix marks the scheme).
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  encryptNullable(plain: string | null | undefined): string | null;
  decryptNullable(stored: string | null | undefined): string | null;
  /** Same input, same output: for equality lookups (repeat callers, open conversations). */
  lookupHash(value: string): string;
}

export function createFieldCrypto(dataKeyBase64: string): FieldCrypto {
  const master = Buffer.from(dataKeyBase64, 'base64');
  if (master.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hotline111 field encryption v1', 32));
  const hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hotline111 lookup hash v1', 32));

  const encrypt = (plain: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  };
  const decrypt = (stored: string) => {
    if (!stored.startsWith('v1:')) throw new Error('unknown encryption scheme');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  return {
    encrypt,
    decrypt,
    encryptNullable: (p) => (p == null || p === '' ? null : encrypt(p)),
    decryptNullable: (s) => (s == null ? null : decrypt(s)),
    lookupHash: (value) => createHmac('sha256', hashKey).update(value).digest('base64url'),
  };
}

/** "+84912345567" → "•••• 567": tells two calls apart in the queue without identifying anyone. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length < 6 ? '••••' : `•••• ${digits.slice(-3)}`;
}
