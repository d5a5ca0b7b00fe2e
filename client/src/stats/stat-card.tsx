import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, StatTable } from '../../../shared/index.js';
import { CHART_SPECS, chartRows } from './chart-specs.js';
import { statValue } from '../i18n/format.js';
import { statCsvUrl, type StatsFilter } from './stats-api.js';
import { StatTableView } from './stat-table-view.js';

// recharts is big: the charts come in their own chunk once the statistics are on screen.
const StatChart = lazy(() => import('./stat-chart.js'));

/** A few figures in words: what the chart shows to those who cannot see it (the table has them all). */
function chartSummary(table: StatTable, lang: Lang): string {
  const spec = CHART_SPECS[table.id];
  const idx = spec.series.map((s) => table.columns.findIndex((c) => c.key === s));
  const size = (values: (number | null)[]) => idx.reduce((sum, i) => sum + (values[i] ?? 0), 0);
  const rows = spec.kind === 'counts' ? [...table.rows].sort((a, b) => size(b.values) - size(a.values)).slice(0, 3) : table.rows;
  return rows
    .map((r) => {
      const parts = idx.map((i) => {
        const c = table.columns[i]!;
        const v = statValue(r.values[i] ?? null, c.unit, lang, true);
        return idx.length > 1 ? `${c.label[lang]} ${v}` : v;
      });
      return `${r.label[lang]}: ${parts.join(', ')}`;
    })
    .join('; ');
}

/** One statistics table: its chart, the table itself, how to read it, and its CSV download. */
export function StatCard({ table, lang, filter, wide = false }: { table: StatTable; lang: Lang; filter: StatsFilter; wide?: boolean }) {
  const { t } = useTranslation();
  const titleId = `stat-title-${table.id}`;
  const spec = CHART_SPECS[table.id];
  const { data, total, drawable } = chartRows(table, lang);
  const title = table.title[lang];
  const tableView = (
    <div className={`stats-table-scroll${table.rows.length > 12 ? ' stats-table-scroll--long' : ''}`}>
      <StatTableView table={table} lang={lang} labelledBy={titleId} />
    </div>
  );

  return (
    <section className={`stats-card${wide ? ` stats-card--wide stats-card--columns-${Math.min(table.columns.length, 5)}` : ''}`} aria-labelledby={titleId} data-testid={`stat-table-${table.id}`}>
      <header className="stats-card-header">
        <h3 id={titleId}>{title}</h3>
        <a
          className="button button--small stats-csv"
          href={statCsvUrl(table.id, filter)}
          download
          aria-label={t('stats.table.csvAria', { title })}
          data-testid={`stat-csv-${table.id}`}
        >
          <span aria-hidden="true">⤓</span> {t('stats.table.csv')}
        </a>
      </header>
      <div className="stats-card-body">
        <div className="stats-card-chart">
          {drawable ? (
            <Suspense fallback={<div className="stats-chart-loading" style={{ height: data.length * 30 + 40 }} aria-hidden="true" />}>
              <StatChart table={table} lang={lang} summary={chartSummary(table, lang)} />
            </Suspense>
          ) : (
            <p className="stats-no-chart muted small">{t('stats.chart.nothing')}</p>
          )}
          {drawable && total > spec.maxBars && <p className="muted small">{t('stats.chart.showing', { shown: spec.maxBars, total })}</p>}
        </div>
        {/* A wide card has room for its table beside the chart; in a half-width card it opens under the chart. */}
        {wide || !drawable ? (
          tableView
        ) : (
          <details className="stats-table-details" data-testid={`stat-details-${table.id}`}>
            <summary>{t('stats.table.show', { count: table.rows.length })}</summary>
            {tableView}
          </details>
        )}
      </div>
      {table.note && <p className="muted small stats-note">{table.note[lang]}</p>}
    </section>
  );
}
