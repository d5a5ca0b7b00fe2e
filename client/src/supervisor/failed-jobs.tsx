import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';
import { actionErrorText } from '../referrals/referral-errors.js';
import { useFailedJobs, useRetryJob, type FailedJob } from './supervisor-api.js';

/** Background jobs that used up their attempts, with a retry each. */
export function FailedJobs() {
  const { t } = useTranslation();
  const jobs = useFailedJobs();
  const retry = useRetryJob();
  const [banner, setBanner] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = jobs.data ?? [];

  const onRetry = async (job: FailedJob) => {
    setBanner(null);
    setBusy(`${job.queue}/${job.id}`);
    try {
      await retry.mutateAsync(job);
      setBanner({ kind: 'success', text: t('supervisor.failed.retried', { name: job.name }) });
    } catch (err) {
      setBanner({ kind: 'error', text: actionErrorText(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel failed-jobs" aria-labelledby="failed-title" data-testid="failed-jobs">
      <header className="panel-header">
        <h2 id="failed-title">
          {t('supervisor.failed.title')} <span className={`count${list.length > 0 ? ' count--urgent' : ''}`}>{list.length}</span>
        </h2>
        <button type="button" className="button button--small" onClick={() => void jobs.refetch()} disabled={jobs.isFetching}>
          {t('supervisor.failed.refresh')}
        </button>
      </header>
      <p className="muted small">{t('supervisor.failed.intro')}</p>
      {banner && <Alert kind={banner.kind}>{banner.text}</Alert>}
      {jobs.isError && <Alert>{t('common.loadError', { message: jobs.error.message })}</Alert>}
      {jobs.isPending && <p className="muted">{t('app.loading')}</p>}
      {jobs.isSuccess && list.length === 0 && <p className="empty-note">{t('supervisor.failed.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.failed.queue')}</th>
                <th scope="col">{t('supervisor.failed.job')}</th>
                <th scope="col">{t('supervisor.failed.reason')}</th>
                <th scope="col">{t('supervisor.failed.attempts')}</th>
                <th scope="col">{t('supervisor.failed.failedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((j) => (
                <tr key={`${j.queue}/${j.id}`} data-testid={`failed-job-${j.queue}-${j.id}`}>
                  <td>
                    <code>{j.queue}</code>
                  </td>
                  <td>
                    {j.name} <span className="muted">#{j.id}</span>
                    {j.stuck && <span className="badge">{t('supervisor.failed.stuck')}</span>}
                  </td>
                  <td className="failed-reason">{j.failedReason ?? t('common.none')}</td>
                  <td>{j.attemptsMade}</td>
                  <td>{j.failedAt ? formatDateTime(new Date(j.failedAt).toISOString()) : t('common.none')}</td>
                  <td className="cell-actions">
                    {j.retryable !== false && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void onRetry(j)}
                        disabled={busy === `${j.queue}/${j.id}`}
                        data-testid={`retry-job-${j.queue}-${j.id}`}
                      >
                        {busy === `${j.queue}/${j.id}` ? t('supervisor.failed.retrying') : t('supervisor.failed.retry')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
