import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { auditActionLabel, CASE_ACCESS_ACTIONS } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { useAuditPages } from './audit-api.js';
import { useWho } from './audit-table.js';
import './audit.css';

/** On a case's page, for supervisors: who read it, its messages or recording, and who was let see its identity. */
export function CaseAccessLog({ caseRef }: { caseRef: string }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const who = useWho();
  const log = useAuditPages({ case: caseRef, action: CASE_ACCESS_ACTIONS.join(',') }, { limit: 20 });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <section className="case-access-log" data-testid="case-access-log" aria-busy={log.isFetching || undefined}>
      <h3>{t('audit.caseLog.title')}</h3>
      <p className="muted small">{t('audit.caseLog.intro')}</p>
      {log.isError && <p className="muted small">{t('common.loadError', { message: log.error.message })}</p>}
      {log.isSuccess && entries.length === 0 && <p className="muted small">{t('audit.caseLog.empty')}</p>}
      <ul>
        {entries.map((e) => {
          const w = who(e);
          return (
            <li key={e.id} data-testid="case-access-row">
              <span className="nowrap">{formatDateTime(e.at)}</span> · {w.name}
              {w.role && <span className="muted small"> ({w.role})</span>} · {auditActionLabel(e.action, lang)}
              {e.agency && <span className="muted small"> · {e.agency.name}</span>}
            </li>
          );
        })}
      </ul>
      {log.hasNextPage && (
        <button type="button" className="link-button small" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('audit.loadMore')}
        </button>
      )}
      <Link to={`/audit?case=${encodeURIComponent(caseRef)}`} className="small">
        {t('audit.caseLog.all')}
      </Link>
    </section>
  );
}
