import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';

export interface OutboundNotification {
  id: number;
  purpose: string;
  channel: 'sms' | 'whatsapp';
  to: string;
  agency: string | null;
  referralId: number | null;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'outbox';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Only for agency alerts, which carry no victim data. */
  text: string | null;
}

/** Outbound SMS: what Twilio took, what waits in the local outbox (no credentials), what failed. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['supervisor', 'notifications'],
    queryFn: ({ signal }) => http.get<{ notifications: OutboundNotification[] }>('/api/supervisor/notifications', signal).then((r) => r.notifications),
    refetchInterval: 30_000,
  });
  const list = q.data ?? [];
  return (
    <section className="panel" aria-labelledby="outbox-title" data-testid="outbox">
      <header className="panel-header">
        <h2 id="outbox-title">
          {t('supervisor.outbox.title')} <span className="count">{list.length}</span>
        </h2>
        <button type="button" className="button button--small" onClick={() => void q.refetch()} disabled={q.isFetching}>
          {t('supervisor.failed.refresh')}
        </button>
      </header>
      <p className="muted small">{t('supervisor.outbox.intro')}</p>
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
                  <td className="small">{n.text ?? <span className="muted">{t('supervisor.outbox.private')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
