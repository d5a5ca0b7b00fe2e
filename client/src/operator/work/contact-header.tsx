import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../../shared/index.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';
import { useNow } from '../desk/use-now.js';
import { CallStatusPill } from '../queue/call-status-pill.js';
import { ChannelIcon } from '../queue/channel-icon.js';

/** Who is on the line: the full number (this operator holds the contact), when it came in, the call's state. */
export function ContactHeader({ contact: c }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const now = useNow(1000);
  const live = c.callStatus === 'in-progress' && c.durationSeconds === null;
  const duration = c.durationSeconds ?? (live ? (now - new Date(c.claimedAt ?? c.receivedAt).getTime()) / 1000 : null);
  return (
    <div className="contact-header" data-testid="contact-header">
      <div className="contact-title">
        <ChannelIcon channel={c.channel} />
        <strong>{label('channel', c.channel)}</strong>
        <span className="qi-ref">{c.ref}</span>
        {c.repeatCount > 0 && <span className="badge badge--repeat">{t('operator.queue.repeat', { count: c.repeatCount })}</span>}
      </div>
      <dl className="contact-facts">
        <div>
          <dt>{t('operator.work.caller')}</dt>
          <dd data-testid="caller-phone">
            {c.callerPhone ?? c.callerHandle ?? t('operator.queue.unknownCaller')}
            {c.callerPhone && c.callerHandle && <span className="muted"> · {c.callerHandle}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('operator.work.received')}</dt>
          <dd>
            <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
          </dd>
        </div>
        {c.callStatus && (
          <div>
            <dt>{t('operator.work.call')}</dt>
            <dd>
              <CallStatusPill status={c.callStatus} />
              {duration !== null && <span className="duration"> {formatDuration(duration)}</span>}
            </dd>
          </div>
        )}
        {c.recording && (
          <div>
            <dt>{t('operator.work.recording')}</dt>
            <dd>
              <audio controls preload="none" src={`/api/contacts/${c.id}/recording`} data-testid="recording-player" aria-label={t('operator.work.listen')} />
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
