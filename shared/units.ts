/** Administrative-unit datasets and levels. Codes are always strings (leading zeros matter). */
export const UNIT_DATASETS = ['vn-2023', 'vn-2025'] as const;
export type UnitDataset = (typeof UNIT_DATASETS)[number];

export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Dates each dataset is in force: the district level was abolished on 1 July 2025. */
export const DATASET_VALIDITY: Record<UnitDataset, { validFrom: string | null; validTo: string | null }> = {
  'vn-2023': { validFrom: null, validTo: '2025-06-30' },
  'vn-2025': { validFrom: '2025-07-01', validTo: null },
};
