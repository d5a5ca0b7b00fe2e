import { z } from 'zod';
import { foldWords } from '../text-fold.js';
import { phoneNumber, unitCode } from './common.js';
import { INT4_MAX, isoDate, rowIdText, trimmedText } from './limits.js';

/** A case's reference as the product shows it ("LH-000123"), or its number alone: the contact's id. */
export const caseReference = z
  .string()
  .trim()
  .regex(/^(LH-?)?\d{1,10}$/i, 'reference must look like LH-000123')
  .transform((s) => Number(s.replace(/\D/g, '')))
  .pipe(z.number().int().positive('reference must look like LH-000123').max(INT4_MAX, 'reference must look like LH-000123'));

/** What GET /api/search takes; every criterion is optional and they combine (AND). */
export const searchQuery = z
  .strictObject({
    phone: phoneNumber.optional(),
    ref: caseReference.optional(),
    name: trimmedText(200).refine((s) => foldWords(s) !== '', 'name must contain letters or digits').optional(),
    agencyId: rowIdText.optional(),
    /** A province or commune of today's map (vn-2025): old units on its ground count too. */
    place: unitCode.optional(),
    from: isoDate('from must be a date YYYY-MM-DD').optional(),
    to: isoDate('to must be a date YYYY-MM-DD').optional(),
    limit: z.coerce.number().int().min(1, 'limit must be 1 to 100').max(100, 'limit must be 1 to 100').default(25),
    offset: z.coerce.number().int().min(0, 'offset must be 0 to 10000').max(10_000, 'offset must be 0 to 10000').default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type SearchQuery = z.infer<typeof searchQuery>;
export type SearchQueryInput = z.input<typeof searchQuery>;

/** The criteria a search used (what its audit entry records: names of filters, never their values). */
export const SEARCH_FILTERS = ['phone', 'ref', 'name', 'agencyId', 'place', 'from', 'to'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];
