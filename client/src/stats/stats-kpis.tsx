import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang, StatsResult, StatTable, StatTableId } from '../../../shared/index.js';
import { formatNumber, statValue } from '../i18n/format.js';
import { sectionAnchor, type StatSectionKey } from './sections.js';

/** A column's value in a table's total row, or in one of its rows; null when the table or the value is not there. */
function pick(tables: Map<StatTableId, StatTable>, id: StatTableId, column: string, row?: string): number | null {
  const table = tables.get(id);
  const i = table?.columns.findIndex((c) => c.key === column) ?? -1;
  if (!table || i < 0) return null;
  const values = row === undefined ? table.total : table.rows.find((r) => r.key === row)?.values;
  return values?.[i] ?? null;
}

const CHILD_AGE_BANDS = ['0-5', '6-11', '12-15', '16-17'];

/** The victims under 18 (the age bands of children), or null when the table is not there. */
function children(tables: Map<StatTableId, StatTable>): number | null {
  const values = CHILD_AGE_BANDS.map((band) => pick(tables, 'victims_by_age_band', 'total', band));
  return values.every((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

interface Figure {
  key: 'contacts' | 'cases' | 'victims' | 'referrals' | 'acknowledge' | 'compliance';
  section: StatSectionKey;
  value: string;
  /** The line under the value. */
  detail: string;
}

function figures(result: StatsResult, lang: Lang, t: TFunction): Figure[] {
  const tables = new Map(result.tables.map((x) => [x.id, x]));
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
  const hours = (v: number | null) => statValue(v, 'hours', lang);
  return [
    { key: 'contacts', section: 'contacts', value: n(pick(tables, 'contacts_by_classification', 'n')), detail: t('stats.kpi.contactsDetail', { n: n(pick(tables, 'contacts_by_classification', 'n', 'trafficking')) }) },
    { key: 'cases', section: 'cases', value: n(pick(tables, 'cases_by_purpose', 'cases')), detail: t('stats.kpi.casesDetail', { trafficking: n(pick(tables, 'cases_by_purpose', 'trafficking')), suspected: n(pick(tables, 'cases_by_purpose', 'suspected_trafficking')) }) },
    { key: 'victims', section: 'victims', value: n(pick(tables, 'victims_by_sex', 'total')), detail: t('stats.kpi.victimsDetail', { n: n(children(tables)) }) },
    { key: 'referrals', section: 'referrals', value: n(pick(tables, 'referrals_by_agency', 'referrals')), detail: t('stats.kpi.referralsDetail', { n: n(pick(tables, 'referrals_by_agency', 'successful')), open: n(pick(tables, 'referrals_by_agency', 'open')) }) },
    { key: 'acknowledge', section: 'timeliness', value: hours(pick(tables, 'response_times', 'p50', 'acknowledge')), detail: t('stats.kpi.acknowledgeDetail', { p90: hours(pick(tables, 'response_times', 'p90', 'acknowledge')) }) },
    { key: 'compliance', section: 'timeliness', value: statValue(pick(tables, 'sla_compliance', 'compliance', 'acknowledge'), 'percent', lang, true), detail: t('stats.kpi.complianceDetail', { n: n(pick(tables, 'sla_compliance', 'breached', 'acknowledge')) }) },
  ];
}

/** The key figures of the period at a glance, each a link to the section that breaks it down. */
export function StatsKpis({ result, lang }: { result: StatsResult; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <ul className="stats-kpis" aria-label={t('stats.kpi.title')} data-testid="stats-kpis">
      {figures(result, lang, t).map((f) => (
        <li key={f.key} className="stats-kpi" data-testid={`stats-kpi-${f.key}`}>
          <a href={`#${sectionAnchor(f.section)}`}>
            <span className="stats-kpi-label">{t(`stats.kpi.${f.key}`)}</span>
            <span className="stats-kpi-value">{f.value}</span>
            <span className="stats-kpi-detail">{f.detail}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
