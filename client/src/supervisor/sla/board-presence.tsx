import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATOR_STATUSES, type OperatorPresence } from '../../../../shared/index.js';
import { useLabels } from '../../i18n/use-labels.js';
import { StatusBadge } from '../../phone/status-badge.js';
import { deskCalls } from '../../operator/desk/socket-calls.js';
import { useRealtime, useServerEvent } from '../../realtime/socket-context.js';

/** Who is online (supervisors sit in the operators room): a queue:sync on every (re)connect, then presence:updated. */
export function usePresence(): OperatorPresence[] | null {
  const { socket, status } = useRealtime();
  const [people, setPeople] = useState<OperatorPresence[] | null>(null);
  useServerEvent('presence:updated', setPeople);
  useEffect(() => {
    if (status !== 'connected') return;
    let alive = true;
    deskCalls(socket)
      .sync()
      .then((r) => alive && setPeople(r.presence))
      .catch(() => {
        // Offline or slow: the next presence:updated or reconnect fills it in.
      });
    return () => {
      alive = false;
    };
  }, [socket, status]);
  return people;
}

/** Operators and supervisors online, their status on the line with the time in it, and the contacts each one handles. */
export function BoardPresence({ people }: { people: OperatorPresence[] | null }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  // Who can take a call first, then on a call, wrapping up, on a break, offline.
  const list = [...(people ?? [])].sort((a, b) => OPERATOR_STATUSES.indexOf(a.status) - OPERATOR_STATUSES.indexOf(b.status) || a.displayName.localeCompare(b.displayName, 'vi'));

  return (
    <section className="panel sla-panel" aria-labelledby="board-presence-title" data-testid="board-presence">
      <header className="panel-header">
        <h3 id="board-presence-title">
          {t('sla.board.presence')} <span className="count">{list.length}</span>
        </h3>
      </header>
      {people === null && <p className="muted">{t('app.loading')}</p>}
      {people !== null && list.length === 0 && <p className="empty-note">{t('sla.board.presenceEmpty')}</p>}
      <ul className="board-presence">
        {list.map((p) => (
          <li key={p.userId} data-testid={`board-presence-${p.userId}`} data-busy={p.handling.length > 0}>
            <span className="board-presence-name">{p.displayName}</span>
            <span className="muted small">{t(`roles.${p.role}`)}</span>
            <StatusBadge status={p.status} since={p.since} testId={`board-status-${p.userId}`} />
            {p.handling.length > 0 && (
              <span className="board-presence-load small">
                {`${t('sla.board.handling', { count: p.handling.length })}: ${p.handling.map((h) => `${h.ref} (${label('channel', h.channel)})`).join(', ')}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
