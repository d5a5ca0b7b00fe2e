import type { StatTableId } from '../../../shared/index.js';

export type StatSectionKey = 'contacts' | 'cases' | 'victims' | 'referrals' | 'support' | 'timeliness';

/** The tables in the order of the screen, the print page and the workbook, under the headings a reader looks for. */
export const STAT_SECTIONS: { key: StatSectionKey; tables: StatTableId[] }[] = [
  { key: 'contacts', tables: ['contacts_by_channel', 'contacts_by_call_type', 'contacts_by_classification'] },
  { key: 'cases', tables: ['cases_by_purpose', 'cases_by_destination', 'cases_by_province'] },
  { key: 'victims', tables: ['victims_by_sex', 'victims_by_age_band', 'victims_by_ethnicity', 'victims_by_nationality'] },
  { key: 'referrals', tables: ['referrals_by_agency', 'referrals_by_status', 'referrals_by_outcome'] },
  { key: 'support', tables: ['support_by_regime'] },
  { key: 'timeliness', tables: ['response_times', 'sla_compliance'] },
];

/**
 * The cards that take a whole row of the dashboard, chart beside table: the long tables (agencies, provinces) and
 * the one left alone in its section, so that two columns never leave one empty.
 */
export const WIDE_TABLES: ReadonlySet<StatTableId> = new Set(['contacts_by_classification', 'cases_by_province', 'referrals_by_agency', 'support_by_regime']);

/** The anchor of a section on the statistics page. */
export const sectionAnchor = (key: string): string => `stats-section-${key}`;
