import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { areaTitle, type Lang, type StatsResult } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { periodText } from './periods.js';
import { sectionAnchor, STAT_SECTIONS, WIDE_TABLES } from './sections.js';
import { StatCard } from './stat-card.js';
import { StatsKpis } from './stats-kpis.js';
import { StatsToc, type TocEntry } from './stats-toc.js';
import type { StatsFilter } from './stats-api.js';

interface Props {
  result: StatsResult;
  /** The filter the figures answer; null while a new one loads (the old figures stay, dimmed). */
  filter: StatsFilter | null;
  busy: boolean;
  lang: Lang;
  /** A last section after the figures (the de-identified export), with its anchor and heading for the contents. */
  after?: { id: string; label: string; node: ReactNode };
}

/** The figures as a dashboard: what they cover and the key figures, then each section's cards, with a table of contents. */
export function StatsBody({ result, filter, busy, lang, after }: Props) {
  const { t } = useTranslation();
  const byId = new Map(result.tables.map((x) => [x.id, x]));
  // While a new period loads, the old figures stay (dimmed); their CSV links follow the figures shown.
  const shownFilter: StatsFilter = filter ?? { from: result.period.from, to: result.period.to, areaId: result.area?.id };
  const toc: TocEntry[] = [
    { id: sectionAnchor('overview'), label: t('stats.sections.overview') },
    ...STAT_SECTIONS.map((s) => ({ id: sectionAnchor(s.key), label: t(`stats.sections.${s.key}`) })),
    ...(after ? [{ id: after.id, label: after.label }] : []),
  ];

  return (
    <div className={`stats-body${busy ? ' stats-body--busy' : ''}`} aria-busy={busy || undefined} data-testid="stats-body">
      <StatsToc entries={toc} />
      <div className="stats-sections">
        <section id={sectionAnchor('overview')} className="stats-section stats-overview" aria-labelledby="stats-overview-title">
          <h2 id="stats-overview-title" className="visually-hidden">
            {t('stats.sections.overview')}
          </h2>
          <div className="stats-summary" data-testid="stats-summary">
            <p>
              <strong>{t('stats.summary.period')}:</strong> {periodText(result.period)} · <strong>{t('stats.summary.area')}:</strong>{' '}
              {result.area ? areaTitle(result.area, lang) : t('stats.filters.nation')}
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
          <StatsKpis result={result} lang={lang} />
        </section>
        {STAT_SECTIONS.map((s) => (
          <section key={s.key} id={sectionAnchor(s.key)} className="stats-section" aria-labelledby={`${sectionAnchor(s.key)}-title`} data-testid={`stats-section-${s.key}`}>
            <h2 id={`${sectionAnchor(s.key)}-title`}>{t(`stats.sections.${s.key}`)}</h2>
            <div className="stats-grid">
              {s.tables.map((id) => {
                const table = byId.get(id);
                return table ? <StatCard key={id} table={table} lang={lang} filter={shownFilter} wide={WIDE_TABLES.has(id)} /> : null;
              })}
            </div>
          </section>
        ))}
        {after?.node}
      </div>
    </div>
  );
}
