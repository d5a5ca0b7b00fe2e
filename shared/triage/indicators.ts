/**
 * Screening indicators, grouped as in the ILO/UNODC indicators of trafficking (domain.md, "Screening indicators").
 * Ids are stored with each contact: never rename one; add new ones at the end of their group.
 */
export const INDICATOR_GROUPS = {
  recruitment: ['deceptive_job_offer', 'easy_job_high_pay', 'marriage_broker', 'recruitment_debt', 'recruited_online'],
  transport: ['irregular_border_crossing', 'documents_taken', 'moved_by_others', 'destination_unknown'],
  control: [
    'confinement',
    'phone_confiscated',
    'passport_confiscated',
    'threats_to_family',
    'ransom_demand',
    'debt_bondage',
    'violence',
    'isolated_no_language',
  ],
  exploitation: ['forced_work_quotas', 'commercial_sex', 'forced_marriage', 'child_sold', 'organ_removal_pressure', 'forced_begging_crime', 'unpaid_wages'],
} as const;

export type IndicatorGroup = keyof typeof INDICATOR_GROUPS;
export type Indicator = (typeof INDICATOR_GROUPS)[IndicatorGroup][number];

export const INDICATORS = Object.values(INDICATOR_GROUPS).flat() as unknown as readonly [Indicator, ...Indicator[]];

export function groupOf(indicator: Indicator): IndicatorGroup {
  for (const [g, ids] of Object.entries(INDICATOR_GROUPS)) if ((ids as readonly string[]).includes(indicator)) return g as IndicatorGroup;
  throw new Error(`unknown indicator ${indicator}`);
}
