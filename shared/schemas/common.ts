import { z } from 'zod';
import { INT4_MAX, rowIdText, trimmedText } from './limits.js';

export const idParam = z.object({ id: rowIdText });

/** Vietnamese mobile or landline, or an international number, normalised to E.164. */
export const phoneNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .transform((s) => (s.startsWith('0') ? `+84${s.slice(1)}` : s))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'phone number must look like 0912345678 or +84912345678'));

/** Administrative-unit code: digits kept as text, never a number. */
export const unitCode = z.string().trim().regex(/^\d{2,5}$/, 'unit code must be 2 to 5 digits');

export const pageQuery = z.object({
  q: trimmedText(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
});
