import { z } from 'zod';
import { UNIT_DATASETS, UNIT_LEVELS } from '../units.js';
import { trimmedText } from './limits.js';

export const unitsQuery = z.object({
  dataset: z.enum(UNIT_DATASETS).optional(),
  parent: z.string().regex(/^\d{2,5}$/).optional(),
  level: z.enum(UNIT_LEVELS).optional(),
  q: trimmedText(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const unitView = z.object({
  /** admin_units.id: what area filters (the SLA board, statistics) take. */
  id: z.number().int(),
  dataset: z.enum(UNIT_DATASETS),
  code: z.string(),
  level: z.enum(UNIT_LEVELS),
  name: z.string(),
  parentCode: z.string().nullable(),
  /** The full path: "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang". */
  path: z.string(),
});
export type UnitView = z.infer<typeof unitView>;

/** One row of the administrative-unit CSV files (level,code,name,parent_code). */
export const unitCsvRow = z.object({
  level: z.enum(UNIT_LEVELS),
  code: z.string().regex(/^\d{2,5}$/, 'code must be 2 to 5 digits'),
  name: z.string().trim().min(1),
  parent_code: z.string().regex(/^\d{2,5}$/).or(z.literal('')),
});

/** GET /api/places: a search across both structures, or one place by dataset and code. */
export const placesQuery = z
  .object({
    q: trimmedText(100).optional(),
    dataset: z.enum(UNIT_DATASETS).optional(),
    code: z.string().regex(/^\d{2,5}$/, 'code must be 2 to 5 digits').optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => (v.q ? !v.code : v.code && v.dataset), { message: 'give q, or dataset and code', path: ['q'] });

/** A place as search shows it: its full path, and for an old unit what it is now (several when it was divided). */
export interface PlaceHit {
  id: number;
  dataset: (typeof UNIT_DATASETS)[number];
  code: string;
  level: (typeof UNIT_LEVELS)[number];
  name: string;
  /** "Xã Đạo Đức, huyện Vị Xuyên, Hà Giang". */
  path: string;
  /** vn-2023 only: the 2025 unit(s) that took it over. */
  now: { id: number; code: string; name: string; path: string; divided: boolean }[];
}
