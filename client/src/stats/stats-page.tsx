import { useTranslation } from 'react-i18next';
import { areaTitle, type StatsResult } from '../../../shared/index.js';
import { useSession } from '../auth/use-session.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { useLabels } from '../i18n/use-labels.js';
import { HTCDS_ANCHOR, HtcdsExport } from './htcds-export.js';
import { ReportsPanel } from './reports-panel.js';
import { StatsBody } from './stats-body.js';
import { StatsFilters } from './stats-filters.js';
import { useStats } from './stats-api.js';
import { useStatsFilters } from './use-stats-filters.js';
import './stats.css';
import './stats-dashboard.css';
import './stats-cards.css';

/**
 * Statistics for a period and an area (supervisors; an agency officer's cover their own agency only, which the
 * server enforces): every table as a chart and a table with its CSV, the periodic reports, and (supervisors) the
 * de-identified export for partners. The period and area are kept in the URL.
 */
export function StatsPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const { data: user } = useSession();
  const { applied, filter, apply } = useStatsFilters();
  const stats = useStats(filter);
  const areaLabel = useAreaLabel();
  const result = stats.data;
  const exportSection =
    user?.role === 'supervisor' ? { id: HTCDS_ANCHOR, label: t('stats.htcds.title'), node: <HtcdsExport filter={filter} /> } : undefined;
  const areaName = result && filter && result.area?.id === filter.areaId ? areaLabel(result) : filter?.areaId === undefined ? t('stats.filters.nation') : '…';

  return (
    <div className="stats-page" data-testid="stats-page">
      <PageHeader testId="stats-title" title={t('stats.title')} intro={t('stats.intro')} />
      {user?.role === 'agency_officer' && (
        <div data-testid="stats-agency-note">
          <Alert kind="info">{t('stats.agencyOnly', { agency: user.agencyName ?? '' })}</Alert>
        </div>
      )}
      <div className="stats-top">
        <StatsFilters applied={applied} onApply={apply} serverError={stats.error} busy={stats.isFetching} />
        <ReportsPanel filter={filter} areaName={areaName} />
      </div>
      {!filter && <p className="muted">{t('stats.fixFilters')}</p>}
      {filter && stats.isPending && <p className="muted">{t('stats.loading')}</p>}
      {result && filter ? (
        <StatsBody result={result} filter={stats.isPlaceholderData ? null : filter} busy={stats.isFetching} lang={lang} after={exportSection} />
      ) : (
        exportSection?.node
      )}
    </div>
  );
}

/** The area as a title: the whole country, or the unit's full path (saying so when it is a pre-2025 unit). */
function useAreaLabel() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return (r: StatsResult): string => (r.area ? areaTitle(r.area, lang) : t('stats.filters.nation'));
}
