import type { StatTableId } from '../../../shared/index.js';

/** The tables in the order of the screen, the print page and the workbook, under the headings a reader looks for. */
export const STAT_SECTIONS: { key: 'contacts' | 'cases' | 'victims' | 'referrals' | 'support' | 'timeliness'; tables: StatTableId[] }[] = [
  { key: 'contacts', tables: ['contacts_by_channel', 'contacts_by_call_type', 'contacts_by_classification'] },
  { key: 'cases', tables: ['cases_by_purpose', 'cases_by_destination', 'cases_by_province'] },
  { key: 'victims', tables: ['victims_by_sex', 'victims_by_age_band', 'victims_by_ethnicity', 'victims_by_nationality'] },
  { key: 'referrals', tables: ['referrals_by_agency', 'referrals_by_status', 'referrals_by_outcome'] },
  { key: 'support', tables: ['support_by_regime'] },
  { key: 'timeliness', tables: ['response_times', 'sla_compliance'] },
];
