import { z } from 'zod';
import { UNIT_DATASETS, UNIT_LEVELS } from '../units.js';

export const unitsQuery = z.object({
  dataset: z.enum(UNIT_DATASETS).optional(),
  parent: z.string().regex(/^\d{2,5}$/).optional(),
  level: z.enum(UNIT_LEVELS).optional(),
  q: z.string().trim().max(100).optional(),
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
});
export type UnitView = z.infer<typeof unitView>;

/** One row of the administrative-unit CSV files (level,code,name,parent_code). */
export const unitCsvRow = z.object({
  level: z.enum(UNIT_LEVELS),
  code: z.string().regex(/^\d{2,5}$/, 'code must be 2 to 5 digits'),
  name: z.string().trim().min(1),
  parent_code: z.string().regex(/^\d{2,5}$/).or(z.literal('')),
});
