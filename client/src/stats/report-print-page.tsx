import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { areaTitle, type ReportDetail } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';
import { localizeMessage } from '../i18n/messages.js';
import { useLabels } from '../i18n/use-labels.js';
import { dayText, periodText } from './periods.js';
import { useReportDetail } from './stats-api.js';
import { StatTableView } from './stat-table-view.js';
import { STAT_SECTIONS } from './sections.js';
import './print.css';

/**
 * A periodic report as a printable document: the figures stored with the report (not recomputed), every table in
 * order, no console chrome. The Print button (and Ctrl+P) give paper or a PDF.
 */
export function ReportPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const detail = useReportDetail(Number(id));
  const d = detail.data;

  return (
    <div className="print-page" data-testid="report-print">
      <div className="print-toolbar no-print">
        <Link to="/stats" className="button button--small">
          ← {t('stats.print.back')}
        </Link>
        <button type="button" className="button button--primary" onClick={() => window.print()} disabled={!d?.result} data-testid="report-print-button">
          {t('stats.print.print')}
        </button>
      </div>
      {detail.isPending && <p className="muted">{t('app.loading')}</p>}
      {detail.isError && <Alert>{t('common.loadError', { message: localizeMessage(detail.error.message) })}</Alert>}
      {d && !d.result && (
        <Alert kind="info">
          {t('stats.print.notReady', { status: t(`stats.reports.status.${d.report.status}`) })}
          {d.report.status === 'running' && ` ${t('stats.reports.progress', { progress: d.report.progress })}`}
        </Alert>
      )}
      {d?.result && <PrintedReport detail={d as ReportDetail & { result: NonNullable<ReportDetail['result']> }} />}
    </div>
  );
}

function PrintedReport({ detail: { report, result } }: { detail: ReportDetail & { result: NonNullable<ReportDetail['result']> } }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const byId = new Map(result.tables.map((x) => [x.id, x]));
  const area = result.area ? areaTitle(result.area, lang) : t('stats.filters.nation');
  const period = periodText(result.period);

  // The browser's PDF takes the document's title as its file name.
  useEffect(() => {
    const before = document.title;
    document.title = `${report.label ?? t('stats.print.heading')} — ${period} — ${area}`;
    return () => {
      document.title = before;
    };
  }, [report.label, period, area, t]);

  let n = 0;
  return (
    <article className="print-report" lang={lang}>
      <header className="print-header">
        <p className="print-org">{t('stats.print.org')}</p>
        <h1 data-testid="report-print-title">{t('stats.print.heading')}</h1>
        {report.label && <p className="print-label">{report.label}</p>}
        <p>
          <strong>{t('stats.summary.period')}:</strong> {t('stats.print.periodLong', { from: dayText(result.period.from), to: dayText(result.period.to) })}
        </p>
        <p>
          <strong>{t('stats.summary.area')}:</strong> {area}
          {result.agency && (
            <>
              {' '}
              — <strong>{t('stats.summary.agency')}:</strong> {result.agency.name}
            </>
          )}
        </p>
        {result.areaNote && <p className="print-note">{result.areaNote.text[lang]}</p>}
        <p className="print-meta">
          {t('stats.print.generated', { time: formatDateTime(result.generatedAt) })} · {t('stats.print.requestedBy', { name: report.requestedBy.name })}
        </p>
      </header>
      <nav className="print-contents" aria-label={t('stats.print.contents')}>
        <h2>{t('stats.print.contents')}</h2>
        <ol>
          {result.tables.map((x) => (
            <li key={x.id}>{x.title[lang]}</li>
          ))}
        </ol>
      </nav>
      {STAT_SECTIONS.map((s) => (
        <section key={s.key} className="print-section">
          <h2 className="print-section-title">{t(`stats.sections.${s.key}`)}</h2>
          {s.tables.map((id) => {
            const table = byId.get(id);
            if (!table) return null;
            n += 1;
            const titleId = `print-${id}`;
            return (
              <section key={id} className="print-table" data-testid={`print-table-${id}`}>
                <h3 id={titleId}>
                  {t('stats.print.tableNo', { n })} {table.title[lang]}
                </h3>
                <StatTableView table={table} lang={lang} labelledBy={titleId} />
                {table.note && <p className="print-note">{t('stats.print.note', { text: table.note[lang] })}</p>}
              </section>
            );
          })}
        </section>
      ))}
    </article>
  );
}
