import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { useLabels } from '../i18n/use-labels.js';
import { auditExportUrl, filtersFrom, useAuditPages, type AuditFilterValues } from './audit-api.js';
import { AuditFilters } from './audit-filters.js';
import { AuditTable } from './audit-table.js';
import './audit.css';

/**
 * The audit log for supervisors and administrators: filters in the URL (a case's own page links here with
 * ?case=LH-000123), entries newest first, "load more" by the server's cursor, and the CSV of the same filters.
 */
export function AuditPage({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const pages = useAuditPages(filters);
  const entries = useMemo(() => pages.data?.pages.flatMap((p) => p.entries) ?? [], [pages.data]);
  const apply = (f: AuditFilterValues) => setParams(new URLSearchParams(f as Record<string, string>));
  const fieldErrors = pages.error instanceof HttpError ? pages.error.fields : {};
  const exportLink = (
    <a className="button" href={auditExportUrl(filters, lang)} download data-testid="audit-export" title={t('audit.exportHint')}>
      {t('audit.export')}
    </a>
  );

  return (
    <div className="audit-page stack">
      {embedded ? (
        <div className="section-header">
          <h2>{t('audit.title')}</h2>
          {exportLink}
        </div>
      ) : (
        <PageHeader testId="audit-title" title={t('audit.title')} intro={t('audit.intro')} actions={exportLink} />
      )}
      {/* A new URL (a case link, "clear") starts the form afresh. */}
      <AuditFilters key={params.toString()} value={filters} onApply={apply} errors={fieldErrors} />
      {pages.isError && <Alert>{t('common.loadError', { message: pages.error.message })}</Alert>}
      {pages.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        !pages.isError && (
          <>
            <AuditTable entries={entries} onCase={(ref) => apply({ case: ref })} />
            <div className="audit-more">
              <span className="muted" aria-live="polite">
                {t('audit.shown', { count: entries.length })}
              </span>
              {pages.hasNextPage ? (
                <button type="button" className="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage} data-testid="audit-more">
                  {pages.isFetchingNextPage ? t('audit.loadingMore') : t('audit.loadMore')}
                </button>
              ) : (
                entries.length > 0 && <span className="muted">{t('audit.end')}</span>
              )}
            </div>
          </>
        )
      )}
    </div>
  );
}
