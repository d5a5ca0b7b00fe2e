import type { Lang, StatTable, StatTableId } from '../../../shared/index.js';

/**
 * How each statistics table is drawn (no charting code here: the chart itself is loaded on demand).
 * - counts: horizontal bars, one per row (the labels are long Vietnamese phrases), stacked when the columns are the
 *   parts of one whole (trafficking + suspected = the cases); the columns that are totals are left out;
 * - times: p50 and p90 side by side on a logarithmic axis (acknowledging takes hours, closing takes weeks);
 * - percent: compliance on a fixed 0–100 axis.
 */
export interface ChartSpec {
  kind: 'counts' | 'times' | 'percent';
  /** Column keys drawn, in the legend's order. */
  series: string[];
  stacked: boolean;
  /** Rows drawn at most; long tables (agencies, provinces) come sorted largest first, so these are the largest. */
  maxBars: number;
}

const CASES = ['trafficking', 'suspected_trafficking'];
const VICTIMS = ['trafficking', 'suspected_trafficking', 'other_child_protection'];
const one = (series: string): ChartSpec => ({ kind: 'counts', series: [series], stacked: false, maxBars: 15 });
const parts = (series: string[]): ChartSpec => ({ kind: 'counts', series, stacked: true, maxBars: 15 });

export const CHART_SPECS: Record<StatTableId, ChartSpec> = {
  contacts_by_channel: one('n'),
  contacts_by_call_type: one('n'),
  contacts_by_classification: one('n'),
  cases_by_purpose: parts(CASES),
  cases_by_destination: parts(CASES),
  cases_by_province: parts(CASES),
  victims_by_sex: parts(VICTIMS),
  victims_by_age_band: parts(VICTIMS),
  victims_by_ethnicity: parts(VICTIMS),
  victims_by_nationality: parts(VICTIMS),
  referrals_by_agency: parts(['successful', 'not_successful', 'open', 'not_taken']),
  referrals_by_status: one('n'),
  referrals_by_outcome: one('n'),
  support_by_regime: one('records'),
  response_times: { kind: 'times', series: ['p50', 'p90'], stacked: false, maxBars: 3 },
  sla_compliance: { kind: 'percent', series: ['compliance'], stacked: false, maxBars: 3 },
};

/** Colours by column key, the same in every chart (trafficking is always red, p90 always orange…). */
export const SERIES_COLOURS: Record<string, string> = {
  n: '#0b5394',
  records: '#6b4fa0',
  trafficking: '#b42318',
  suspected_trafficking: '#d68c00',
  other_child_protection: '#0b5394',
  successful: '#136c3a',
  not_successful: '#b42318',
  open: '#0b5394',
  not_taken: '#9aa7b8',
  p50: '#0b5394',
  p90: '#c2410c',
  compliance: '#136c3a',
};

export type ChartDatum = { name: string; key: string } & Record<string, number | string | null>;

/** The rows a chart draws: label + the spec's columns, the largest maxBars when the table is long. */
export function chartRows(table: StatTable, lang: Lang): { data: ChartDatum[]; total: number; drawable: boolean } {
  const spec = CHART_SPECS[table.id];
  const index = new Map(table.columns.map((c, i) => [c.key, i]));
  const data = table.rows.slice(0, spec.maxBars).map((r) => {
    const d: ChartDatum = { name: r.label[lang], key: r.key };
    for (const s of spec.series) d[s] = r.values[index.get(s) ?? -1] ?? null;
    return d;
  });
  const drawable = data.some((d) => spec.series.some((s) => typeof d[s] === 'number' && (d[s] as number) > 0));
  return { data, total: table.rows.length, drawable };
}
