import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { TablePager } from '../components/table-pager.js';
import { formatDateTime } from '../i18n/format.js';
import { OUTBOX_PAGE_SIZE, useOutbox } from './outbox-api.js';

/** Outbound SMS: what Twilio took, what waits in the local outbox and why, what failed; paged, with the real total. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const q = useOutbox(page);
  const list = q.data?.notifications ?? [];
  const total = q.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const reason = q.data?.outboxReason ?? null;
  return (
    <section className="panel" aria-labelledby="outbox-title" data-testid="outbox">
      <header className="panel-header">
        <h2 id="outbox-title">
          {t('supervisor.outbox.title')} <span className="count" data-testid="outbox-total">{total}</span>
        </h2>
        <button type="button" className="button button--small" onClick={() => void q.refetch()} disabled={q.isFetching}>
          {t('supervisor.failed.refresh')}
        </button>
      </header>
      <p className="muted small">{t('supervisor.outbox.intro')}</p>
      {reason && (
        <p className="small" data-testid="outbox-reason" data-reason={reason}>
          <strong>{t('supervisor.outbox.reasonLabel')}:</strong> {t(`supervisor.outbox.reasons.${reason}`)}
        </p>
      )}
      {q.isError && <Alert>{t('common.loadError', { message: q.error.message })}</Alert>}
      {q.isSuccess && list.length === 0 && <p className="empty-note">{t('supervisor.outbox.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.outbox.at')}</th>
                <th scope="col">{t('supervisor.outbox.to')}</th>
                <th scope="col">{t('supervisor.outbox.status')}</th>
                <th scope="col">{t('supervisor.outbox.text')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((n) => (
                <tr key={n.id} data-testid={`notification-${n.id}`} data-status={n.status}>
                  <td>{formatDateTime(n.createdAt)}</td>
                  <td>
                    {n.to}
                    {n.agency && <div className="muted small">{n.agency}</div>}
                  </td>
                  <td title={n.lastError ?? undefined}>{t(`supervisor.outbox.statuses.${n.status}`)}</td>
                  <td className="small wrap-anywhere">{n.text ?? <span className="muted">{t('supervisor.outbox.private')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <TablePager
          page={page + 1}
          pageCount={pageCount}
          onPrev={page > 0 ? () => setPage(page - 1) : undefined}
          onNext={page + 1 < pageCount ? () => setPage(page + 1) : undefined}
        />
      )}
    </section>
  );
}
