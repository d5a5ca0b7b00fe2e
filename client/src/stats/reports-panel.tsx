import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { areaTitle, reportBody, type ReportBody, type ReportFileView } from '../../../shared/index.js';
import { applyServerErrors } from '../api/form-errors.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { formatDateTime } from '../i18n/format.js';
import { localizeMessage, zodErrorMap } from '../i18n/messages.js';
import { useLabels } from '../i18n/use-labels.js';
import { lastMonths, periodText, type Period } from './periods.js';
import { mayRetry, REPORT_MAX_ATTEMPTS, useCreateReport, useReports, type StatsFilter } from './stats-api.js';

type In = z.input<typeof reportBody>;
type Kind = '6' | '12' | 'period';
const SHOWN = 6;

interface Props {
  /** The applied filter (null while the URL's period is invalid): its area, and its period for "kỳ đã chọn". */
  filter: StatsFilter | null;
  /** The applied area's name, for the buttons' hint. */
  areaName: string;
}

/**
 * Periodic reports: the 6- and 12-month reports (or the chosen period) for the chosen area, built by the reports
 * worker as an XLSX workbook; the list shows their progress (polled every second while one is being built), their
 * errors, the download and the print-friendly page.
 */
export function ReportsPanel({ filter, areaName }: Props) {
  const { t } = useTranslation();
  const create = useCreateReport();
  const reportName = useReportName();
  const reports = useReports();
  // The request's confirmation, until that report is finished (the list then says so).
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [pending, setPending] = useState<Kind | null>(null);
  const form = useForm<In, unknown, ReportBody>({
    resolver: zodResolver(reportBody, { error: zodErrorMap }),
    defaultValues: { label: '' },
  });
  const labelError = form.formState.errors.label?.message;

  const announced = notice && reports.data?.find((r) => r.id === notice.id);
  useEffect(() => {
    if (announced && (announced.status === 'done' || announced.status === 'failed')) setNotice(null);
  }, [announced]);

  const periods: Record<Kind, Period | null> = { '6': lastMonths(6), '12': lastMonths(12), period: filter };

  const submit = (kind: Kind) => {
    const p = periods[kind];
    if (!p || !filter) return;
    form.setValue('from', p.from);
    form.setValue('to', p.to);
    form.setValue('areaId', filter.areaId ?? null);
    const send = async (body: ReportBody) => {
      setBanner(null);
      setNotice(null);
      setPending(kind);
      try {
        const r = await create.mutateAsync({ ...body, label: body.label?.trim() || null });
        setNotice({ id: r.id, text: t('stats.reports.requested', { name: reportName(r) }) });
        form.reset({ label: '' });
      } catch (err) {
        setBanner(applyServerErrors(err, form.setError, ['label']));
      } finally {
        setPending(null);
      }
    };
    // The period and area come from the buttons and the filters, not from inputs: their errors go to the banner.
    const refused = (errors: FieldErrors<In>) => {
      const other = (['from', 'to', 'areaId'] as const).map((k) => errors[k]?.message).filter((m): m is string => !!m);
      if (other.length) setBanner(other.map(localizeMessage).join(' '));
    };
    void form.handleSubmit(send, refused)();
  };

  return (
    <section className="panel stats-reports" aria-labelledby="stats-reports-title" data-testid="stats-reports">
      <header className="panel-header">
        <h2 id="stats-reports-title">{t('stats.reports.title')}</h2>
      </header>
      <p className="muted small">{t('stats.reports.intro')}</p>
      <div className="stats-reports-grid">
        <form className="stats-report-create" onSubmit={(e) => e.preventDefault()} noValidate>
          <Alert>{banner}</Alert>
          <Field id="report-label" label={t('stats.reports.label')} error={labelError}>
            <input
              type="text"
              maxLength={200}
              placeholder={t('stats.reports.labelPlaceholder')}
              {...describedBy('report-label', labelError)}
              {...form.register('label')}
              data-testid="report-label"
            />
          </Field>
          <p className="muted small">{t('stats.reports.forArea', { area: areaName })}</p>
          <div className="stats-report-buttons">
            {(['6', '12', 'period'] as const).map((kind) => {
              const p = periods[kind];
              return (
                <button
                  key={kind}
                  type="button"
                  className={`button ${kind === 'period' ? '' : 'button--primary'} stats-report-button`}
                  onClick={() => submit(kind)}
                  disabled={!filter || !p || pending !== null}
                  data-testid={`report-create-${kind}`}
                >
                  <span>{pending === kind ? t('stats.reports.creating') : t(`stats.reports.create.${kind}`)}</span>
                  {p && <span className="stats-report-range">{periodText(p)}</span>}
                </button>
              );
            })}
          </div>
          <div aria-live="polite">{notice && <Alert kind="success">{notice.text}</Alert>}</div>
        </form>
        <ReportList reports={reports.data} loading={reports.isPending} error={reports.isError ? reports.error.message : null} />
      </div>
    </section>
  );
}

/** A report's name: its label, or its period. */
function useReportName() {
  const { t } = useTranslation();
  return (r: ReportFileView): string => r.label ?? t('stats.reports.untitled', { period: periodText(r.params) });
}

function ReportList({ reports, loading, error }: { reports: ReportFileView[] | undefined; loading: boolean; error: string | null }) {
  const { t } = useTranslation();
  const reportName = useReportName();
  const [all, setAll] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef(new Map<number, ReportFileView['status']>());

  // Say it when a report finishes or fails (the list updates by itself while the user works elsewhere on the page).
  useEffect(() => {
    for (const r of reports ?? []) {
      const before = seen.current.get(r.id);
      if (before && before !== r.status && (r.status === 'done' || r.status === 'failed'))
        setAnnouncement(t(r.status === 'done' ? 'stats.reports.finished' : 'stats.reports.failedNow', { name: reportName(r) }));
      seen.current.set(r.id, r.status);
    }
  }, [reports, t, reportName]);

  const list = reports ?? [];
  const shown = all ? list : list.slice(0, SHOWN);
  return (
    <div className="stats-report-list">
      <h3>{t('stats.reports.list')}</h3>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {error && <Alert>{t('common.loadError', { message: localizeMessage(error) })}</Alert>}
      {loading && <p className="muted">{t('app.loading')}</p>}
      {!loading && list.length === 0 && <p className="muted small">{t('stats.reports.empty')}</p>}
      <ul className="plain-list stats-report-items">
        {shown.map((r) => (
          <ReportItem key={r.id} report={r} />
        ))}
      </ul>
      {list.length > SHOWN && (
        <button type="button" className="button button--small button--link" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? t('stats.reports.showLess') : t('stats.reports.showAll', { count: list.length })}
        </button>
      )}
    </div>
  );
}

function ReportItem({ report: r }: { report: ReportFileView }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const name = useReportName()(r);
  const busy = r.status === 'queued' || r.status === 'running';
  const retry = mayRetry(r);
  const kb = r.fileSize !== null ? Math.max(1, Math.round(r.fileSize / 1024)) : null;

  return (
    <li className={`stats-report stats-report--${r.status}`} data-testid={`report-${r.id}`} data-status={r.status} data-report-id={r.id} aria-busy={busy || undefined}>
      <div className="stats-report-head">
        <strong className="stats-report-name">{name}</strong>
        <span className={`stats-status stats-status--${r.status}`}>{t(`stats.reports.status.${r.status}`)}</span>
      </div>
      <p className="muted small">
        {r.label && <>{periodText(r.params)} · </>}
        {r.area ? areaTitle(r.area, lang) : t('stats.filters.nation')}
        {r.agency && <> · {r.agency.name}</>}
        {' · '}
        {t('stats.reports.requestedBy', { name: r.requestedBy.name, time: formatDateTime(r.createdAt) })}
      </p>
      {busy && (
        <div className="stats-progress">
          <progress max={100} value={r.status === 'queued' ? undefined : r.progress} aria-label={t('stats.reports.progressLabel', { name })} data-testid={`report-progress-${r.id}`} />
          <span className="small">{r.status === 'queued' ? t('stats.reports.queuedHint') : t('stats.reports.progress', { progress: r.progress })}</span>
        </div>
      )}
      {r.status === 'failed' && (
        <p className="field-error" data-testid={`report-error-${r.id}`}>
          {t('stats.reports.error', { message: r.error ? localizeMessage(r.error) : '—' })}{' '}
          {retry ? t('stats.reports.retrying', { attempt: r.attempts + 1, max: REPORT_MAX_ATTEMPTS }) : t('stats.reports.attempts', { count: r.attempts })}
        </p>
      )}
      {r.status === 'done' && r.downloadUrl && (
        <div className="inline-row stats-report-actions">
          <a className="button button--small button--primary" href={r.downloadUrl} download aria-label={t('stats.reports.downloadAria', { name })} data-testid={`report-download-${r.id}`}>
            <span aria-hidden="true">⤓</span> {t('stats.reports.download')}
          </a>
          <Link className="button button--small" to={`/stats/reports/${r.id}/print`} target="_blank" rel="noopener" data-testid={`report-print-${r.id}`} aria-label={t('stats.reports.printAria', { name })}>
            {t('stats.reports.print')}
          </Link>
          {kb !== null && <span className="muted small">XLSX · {kb} KB</span>}
        </div>
      )}
    </li>
  );
}
