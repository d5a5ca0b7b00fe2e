import { useTranslation } from 'react-i18next';
import { areaTitle, type StatsResult } from '../../../shared/index.js';
import { useSession } from '../auth/use-session.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { HtcdsExport } from './htcds-export.js';
import { periodText } from './periods.js';
import { ReportsPanel } from './reports-panel.js';
import { STAT_SECTIONS } from './sections.js';
import { StatCard } from './stat-card.js';
import { StatsFilters } from './stats-filters.js';
import { useStats, type StatsFilter } from './stats-api.js';
import { useStatsFilters } from './use-stats-filters.js';
import './stats.css';

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
      {result && filter && <StatsBody result={result} filter={stats.isPlaceholderData ? null : filter} busy={stats.isFetching} lang={lang} />}
      {user?.role === 'supervisor' && <HtcdsExport filter={filter} />}
    </div>
  );
}

/** The area as a title: the whole country, or the unit's full path (saying so when it is a pre-2025 unit). */
function useAreaLabel() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return (r: StatsResult): string => (r.area ? areaTitle(r.area, lang) : t('stats.filters.nation'));
}

/** The figures: what they cover, a jump list, then each section's cards. */
function StatsBody({ result, filter, busy, lang }: { result: StatsResult; filter: StatsFilter | null; busy: boolean; lang: 'vi' | 'en' }) {
  const { t } = useTranslation();
  const areaLabel = useAreaLabel();
  const byId = new Map(result.tables.map((x) => [x.id, x]));
  // While a new period loads, the old figures stay (dimmed); their CSV links follow the figures shown.
  const shownFilter: StatsFilter = filter ?? { from: result.period.from, to: result.period.to, areaId: result.area?.id };

  return (
    <div className={`stats-body${busy ? ' stats-body--busy' : ''}`} aria-busy={busy || undefined} data-testid="stats-body">
      <div className="stats-summary" data-testid="stats-summary">
        <p>
          <strong>{t('stats.summary.period')}:</strong> {periodText(result.period)} · <strong>{t('stats.summary.area')}:</strong> {areaLabel(result)}
          {result.agency && (
            <>
              {' '}
              · <strong>{t('stats.summary.agency')}:</strong> {result.agency.name}
            </>
          )}
        </p>
        {result.areaNote && (
          <p className="stats-area-note" data-testid="stats-area-note" data-kind={result.areaNote.kind}>
            {result.areaNote.text[lang]}
          </p>
        )}
        <p className="muted small">{t('stats.summary.generated', { time: formatDateTime(result.generatedAt) })}</p>
      </div>
      <nav className="stats-jump" aria-label={t('stats.sections.jump')}>
        {STAT_SECTIONS.map((s) => (
          <a key={s.key} href={`#stats-section-${s.key}`}>
            {t(`stats.sections.${s.key}`)}
          </a>
        ))}
      </nav>
      {STAT_SECTIONS.map((s) => (
        <section key={s.key} id={`stats-section-${s.key}`} className="stats-section" aria-labelledby={`stats-section-${s.key}-title`}>
          <h2 id={`stats-section-${s.key}-title`}>{t(`stats.sections.${s.key}`)}</h2>
          <div className="stats-grid">
            {s.tables.map((id) => {
              const table = byId.get(id);
              return table ? <StatCard key={id} table={table} lang={lang} filter={shownFilter} /> : null;
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
