import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { TrainingLabel } from '../../phone/status-badge.js';
import { useSecond } from '../../referrals/clock-tick.js';
import { useBoardCallbacks, type BoardCallback } from './callbacks-api.js';

/** Missed calls waiting to be called back, overdue ones first, with their attempts and first-attempt deadline. */
export function BoardCallbacks() {
  const { t } = useTranslation();
  const q = useBoardCallbacks();
  const list = [...(q.data ?? [])].sort((a, b) => Number(b.breached) - Number(a.breached) || (a.dueAt ?? a.createdAt).localeCompare(b.dueAt ?? b.createdAt));
  const breached = list.filter((c) => c.breached).length;

  return (
    <section className="panel sla-panel" aria-labelledby="board-callbacks-title" data-testid="board-callbacks">
      <header className="panel-header">
        <h3 id="board-callbacks-title">
          {t('phone.callback.board')} <span className={`count${breached > 0 ? ' count--urgent' : list.length > 0 ? ' count--on' : ''}`}>{list.length}</span>
        </h3>
      </header>
      {q.isError && <Alert>{t('common.loadError', { message: q.error.message })}</Alert>}
      {q.isSuccess && list.length === 0 && <p className="empty-note">{t('phone.callback.boardEmpty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll sla-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t('phone.callback.contact')}</th>
                <th scope="col">{t('phone.callback.reasonCol')}</th>
                <th scope="col">{t('phone.callback.attemptsCol')}</th>
                <th scope="col">{t('phone.callback.dueCol')}</th>
                <th scope="col">{t('phone.callback.operatorCol')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <CallbackRow key={c.contactId} callback={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CallbackRow({ callback: c }: { callback: BoardCallback }) {
  const { t } = useTranslation();
  const now = useSecond();
  const left = c.dueAt ? (Date.parse(c.dueAt) - now) / 1000 : null;
  return (
    <tr data-testid={`board-callback-${c.contactId}`} data-breached={c.breached}>
      <td>
        <code>{c.contactRef}</code> {c.training && <TrainingLabel />}
      </td>
      <td>{t(`phone.callback.reason.${c.reason}`)}</td>
      <td className="clock-time">{c.attempts}</td>
      <td className="clock-time">
        {c.dueAt && <time dateTime={c.dueAt}>{formatTime(c.dueAt, false)}</time>}{' '}
        {c.breached || (left !== null && left < 0) ? (
          <span className="badge badge--breached">{t('phone.callback.breached')}</span>
        ) : (
          left !== null && <span className="muted">({formatDuration(left)})</span>
        )}
      </td>
      <td>{c.operator ?? <span className="muted">{t('sla.board.unclaimed')}</span>}</td>
    </tr>
  );
}
