/**
 * Statistics, periodic reports and the HTCDS export (issue: statistics and the 6- and 12-month reports).
 * Browser-safe: the JSON shapes the API returns, shared by the server, the workers and the console.
 */
import type { L } from '../i18n/labels.js';
import type { UnitDataset, UnitLevel } from '../units.js';

/** Every statistics table, in the order of the screen and of the workbook's sheets. Ids appear in URLs: never rename. */
export const STAT_TABLE_IDS = [
  'contacts_by_channel',
  'contacts_by_call_type',
  'contacts_by_classification',
  'cases_by_purpose',
  'cases_by_destination',
  'cases_by_province',
  'victims_by_sex',
  'victims_by_age_band',
  'victims_by_ethnicity',
  'victims_by_nationality',
  'referrals_by_agency',
  'referrals_by_status',
  'referrals_by_outcome',
  'support_by_regime',
  'response_times',
  'sla_compliance',
] as const;
export type StatTableId = (typeof STAT_TABLE_IDS)[number];

/** count: a number of things; hours: a duration; percent: 0–100 with one decimal. */
export type StatUnit = 'count' | 'hours' | 'percent';

export interface StatColumn {
  key: string;
  label: L;
  unit: StatUnit;
}

export interface StatRow {
  /** The stored value (a channel, a purpose, an agency id…), or a pseudo-value such as `unknown`. */
  key: string;
  label: L;
  /** One value per column; null where there is nothing to measure (a percentile of no referral). */
  values: (number | null)[];
}

export interface StatTable {
  id: StatTableId;
  title: L;
  /** The heading of the first column (what the rows are). */
  dimension: L;
  columns: StatColumn[];
  rows: StatRow[];
  /**
   * The whole population once (not always the sum of the rows: a case with two purposes is one case), per column;
   * null when a total makes no sense (percentiles, compliance).
   */
  total: (number | null)[] | null;
  /** How to read the table (multi-valued dimensions, what counts as on time…). */
  note: L | null;
}

export interface StatsArea {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  dataset: UnitDataset;
  /** The full path ("Xã Đạo Đức, huyện Vị Xuyên, Hà Giang"); absent in results stored before it was added. */
  path?: string;
}

/**
 * How an area's figures relate to the 2025 reform. A 2025 area (`crosswalk`) also counts the contacts recorded with
 * the old units on its ground (`oldUnitContacts` of them in the period); an old area (`old_units`) counts only what was
 * recorded with its own old units.
 */
export interface StatsAreaNote {
  kind: 'crosswalk' | 'old_units';
  oldUnitContacts: number | null;
  text: L;
}

export interface StatsResult {
  /** Inclusive local days (Vietnam, UTC+7), YYYY-MM-DD. */
  period: { from: string; to: string };
  /** null: the whole country. */
  area: StatsArea | null;
  /** Set for an agency officer: only the referrals to this agency (and their cases and victims) are counted. */
  agency: { id: number; name: string } | null;
  /** Set when an area is asked for (absent in results stored before it was added). */
  areaNote?: StatsAreaNote | null;
  generatedAt: string;
  tables: StatTable[];
}

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportParams {
  from: string;
  to: string;
  areaId: number | null;
}

/** A periodic report (an XLSX workbook built by the reports worker), as listed and polled. */
export interface ReportFileView {
  id: number;
  label: string | null;
  params: ReportParams;
  area: StatsArea | null;
  agency: { id: number; name: string } | null;
  status: ReportStatus;
  /** 0–100 while running; 100 when done. */
  progress: number;
  /** Why the last attempt failed (BullMQ retries; after the last attempt the status stays failed). */
  error: string | null;
  attempts: number;
  requestedBy: { id: number; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  fileName: string | null;
  fileSize: number | null;
  /** GET this for the workbook once done (audited). */
  downloadUrl: string | null;
}

/** GET /api/reports/:id: the report and, once done, the figures it holds (the print-friendly page renders them). */
export interface ReportDetail {
  report: ReportFileView;
  result: StatsResult | null;
}
