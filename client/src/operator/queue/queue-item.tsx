import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '../../../../shared/index.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';
import { CallStatusPill } from './call-status-pill.js';
import { ChannelIcon } from './channel-icon.js';

interface Props {
  contact: ContactSummary;
  me: number;
  now: number;
  active: boolean;
  connected: boolean;
  claiming: boolean;
  onClaim: (id: number) => void;
  onOpen: (id: number) => void;
}

const secondsSince = (iso: string, now: number) => (now - new Date(iso).getTime()) / 1000;

/** One open contact: what it is, how long it has waited, and who has it. */
export const QueueItem = memo(function QueueItem({ contact: c, me, now, active, connected, claiming, onClaim, onOpen }: Props) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const mine = c.claimedBy?.id === me;
  const other = c.claimedBy !== null && !mine;
  const queued = c.status === 'queued';
  const waited = secondsSince(queued ? c.receivedAt : (c.claimedAt ?? c.receivedAt), now);
  const urgency = queued && waited >= 180 ? ' qi-wait--long' : queued && waited >= 60 ? ' qi-wait--warn' : '';
  const cls = `queue-item${other ? ' queue-item--other' : ''}${mine ? ' queue-item--mine' : ''}${active ? ' queue-item--active' : ''}`;

  return (
    <li className={cls} data-testid={`queue-item-${c.id}`} data-status={c.status} aria-current={active || undefined}>
      <div className="qi-top">
        <ChannelIcon channel={c.channel} />
        <span className="qi-channel">{label('channel', c.channel)}</span>
        <span className="qi-caller">{c.callerMasked ?? t('operator.queue.unknownCaller')}</span>
        {c.unreadMessages > 0 && (
          <span className="badge badge--unread" title={t('operator.queue.unread', { count: c.unreadMessages })}>
            {c.unreadMessages}
            <span className="visually-hidden"> {t('operator.queue.unread', { count: c.unreadMessages })}</span>
          </span>
        )}
      </div>
      <div className="qi-meta">
        <time dateTime={c.receivedAt}>{formatTime(c.receivedAt, false)}</time>
        <span className={`qi-wait${urgency}`}>
          {t(queued ? 'operator.queue.waiting' : 'operator.queue.handling', { time: formatDuration(waited) })}
        </span>
        {c.callStatus && <CallStatusPill status={c.callStatus} />}
        {c.repeatCount > 0 && <span className="badge badge--repeat">{t('operator.queue.repeat', { count: c.repeatCount })}</span>}
      </div>
      <div className="qi-foot">
        <span className="qi-ref">{c.ref}</span>
        {c.claimedBy ? (
          <span className="qi-claimed">{t('operator.queue.claimedBy', { name: mine ? t('operator.queue.you') : c.claimedBy.displayName })}</span>
        ) : null}
        {queued && !c.claimedBy && (
          <button
            type="button"
            className="button button--primary button--small"
            data-testid={`claim-${c.id}`}
            onClick={() => onClaim(c.id)}
            disabled={!connected || claiming}
            aria-label={t('operator.queue.claimAria', { channel: label('channel', c.channel), caller: c.callerMasked ?? '' })}
          >
            {claiming ? t('operator.queue.claiming') : t('operator.queue.claim')}
          </button>
        )}
        {mine && !active && (
          <button type="button" className="button button--small" onClick={() => onOpen(c.id)}>
            {t('operator.queue.open')}
          </button>
        )}
      </div>
    </li>
  );
});
