import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '../../../../shared/index.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';
import { CallbackBadge } from '../../phone/callback-badge.js';
import { TrainingLabel } from '../../phone/status-badge.js';
import { queueClock, shownCallStatus } from './call-facts.js';
import { CallStatusPill } from './call-status-pill.js';
import { ChannelIcon } from './channel-icon.js';

interface Props {
  contact: ContactSummary;
  me: number;
  now: number;
  active: boolean;
  connected: boolean;
  claiming: boolean;
  /** Callback attempts before a missed call is given up (the line's configuration). */
  maxAttempts: number;
  onClaim: (id: number) => void;
  onOpen: (id: number) => void;
}

const CLOCK_TEXT = { waiting: 'operator.queue.waiting', waited: 'phone.facts.waited', handling: 'operator.queue.handling' } as const;

/** One open contact: what it is, how long it has waited, and who has it. */
export const QueueItem = memo(function QueueItem({ contact: c, me, now, active, connected, claiming, maxAttempts, onClaim, onOpen }: Props) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const mine = c.claimedBy?.id === me;
  const other = c.claimedBy !== null && !mine;
  const queued = c.status === 'queued';
  const clock = queueClock(c, now);
  const waiting = clock.kind === 'waiting';
  const urgency = waiting && clock.seconds >= 180 ? ' qi-wait--long' : waiting && clock.seconds >= 60 ? ' qi-wait--warn' : '';
  const callStatus = shownCallStatus(c);
  const cls = `queue-item${other ? ' queue-item--other' : ''}${mine ? ' queue-item--mine' : ''}${active ? ' queue-item--active' : ''}`;

  return (
    <li className={cls} data-testid={`queue-item-${c.id}`} data-status={c.status} data-training={c.training} aria-current={active || undefined}>
      <div className="qi-top">
        <ChannelIcon channel={c.channel} />
        <span className="qi-channel">{label('channel', c.channel)}</span>
        <span className="qi-caller">{c.callerMasked ?? t('operator.queue.unknownCaller')}</span>
        {c.training && <TrainingLabel />}
        {c.unreadMessages > 0 && (
          <span className="badge badge--unread" title={t('operator.queue.unread', { count: c.unreadMessages })}>
            {c.unreadMessages}
            <span className="visually-hidden"> {t('operator.queue.unread', { count: c.unreadMessages })}</span>
          </span>
        )}
      </div>
      <div className="qi-meta">
        <time dateTime={c.receivedAt}>{formatTime(c.receivedAt, false)}</time>
        <span className={`qi-wait${urgency}`} data-testid="queue-clock" data-kind={clock.kind}>
          {t(CLOCK_TEXT[clock.kind], { time: formatDuration(clock.seconds) })}
        </span>
        {callStatus && <CallStatusPill status={callStatus} />}
        {c.repeatCount > 0 && <span className="badge badge--repeat">{t('operator.queue.repeat', { n: c.repeatCount + 1 })}</span>}
      </div>
      {c.callback && c.callback.status === 'open' && <CallbackBadge callback={c.callback} max={maxAttempts} now={now} />}
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
