import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardContact } from '../../../../shared/index.js';
import { formatDuration } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';
import { CallStatusPill } from '../../operator/queue/call-status-pill.js';
import { shownCallStatus } from '../../operator/queue/call-facts.js';
import { TrainingLabel } from '../../phone/status-badge.js';
import { useSecond } from '../../referrals/clock-tick.js';

/** Contacts still open in the queue, longest waiting first, with who has them. */
export function BoardContacts({ contacts }: { contacts: BoardContact[] }) {
  const { t } = useTranslation();
  const list = [...contacts].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const waiting = list.filter((c) => !c.claimedAt).length;

  return (
    <section className="panel sla-panel" aria-labelledby="board-contacts-title" data-testid="board-contacts">
      <header className="panel-header">
        <h3 id="board-contacts-title">
          {t('sla.board.contacts')} <span className={`count${waiting > 0 ? ' count--on' : ''}`}>{list.length}</span>
        </h3>
      </header>
      {list.length === 0 ? (
        <p className="empty-note">{t('sla.board.contactsEmpty')}</p>
      ) : (
        <div className="table-scroll sla-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t('sla.board.ref')}</th>
                <th scope="col">{t('sla.board.channel')}</th>
                <th scope="col">{t('sla.board.contactStatus')}</th>
                <th scope="col">{t('sla.board.waiting')}</th>
                <th scope="col">{t('sla.board.operator')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <ContactRow key={c.id} contact={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const ContactRow = memo(function ContactRow({ contact: c }: { contact: BoardContact }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const now = useSecond();
  // A call that ended unanswered (a missed call) waited until it ended; the rest tick.
  const until = c.endedAt && !c.claimedAt ? Date.parse(c.endedAt) : now;
  const waited = (until - new Date(c.receivedAt).getTime()) / 1000;
  const callStatus = shownCallStatus(c);
  return (
    <tr data-testid={`board-contact-${c.id}`} data-training={c.training} className={c.claimedAt || c.endedAt ? undefined : 'board-contact--waiting'}>
      <td>
        <code>{c.contactRef}</code> {c.training && <TrainingLabel />}
      </td>
      <td>{label('channel', c.channel)}</td>
      <td>
        {label('contactStatus', c.status)} {callStatus && <CallStatusPill status={callStatus} />}
      </td>
      <td className="clock-time">
        <time dateTime={c.receivedAt}>{formatDuration(waited)}</time>
      </td>
      <td>{c.operator ?? <span className="muted">{t('sla.board.unclaimed')}</span>}</td>
    </tr>
  );
});
