import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../../shared/index.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';
import { useNow } from '../desk/use-now.js';
import { RecordingPlayer } from '../../phone/recording-player.js';
import { TrainingLabel } from '../../phone/status-badge.js';
import { shownCallStatus, talkSeconds } from '../queue/call-facts.js';
import { CallStatusPill } from '../queue/call-status-pill.js';
import { ChannelIcon } from '../queue/channel-icon.js';

/** Who is on the line: the full number (this operator holds the contact), when it came in, the call's state. */
export function ContactHeader({ contact: c }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const now = useNow(1000);
  const callStatus = shownCallStatus(c);
  const talk = talkSeconds(c, now);
  // A recording Twilio reported (the training line records nothing), still within its retention.
  const recorded = c.recording !== null && !c.training;
  return (
    <div className="contact-header" data-testid="contact-header">
      <div className="contact-title">
        <ChannelIcon channel={c.channel} />
        <strong>{label('channel', c.channel)}</strong>
        <span className="qi-ref">{c.ref}</span>
        {c.repeatCount > 0 && <span className="badge badge--repeat">{t('operator.queue.repeat', { n: c.repeatCount + 1 })}</span>}
        {c.training && <TrainingLabel />}
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
        {callStatus && (
          <div>
            <dt>{t('operator.work.call')}</dt>
            <dd data-testid="contact-call">
              <CallStatusPill status={callStatus} />
              {talk !== null && <span className="duration"> {t('phone.facts.talk', { time: formatDuration(talk) })}</span>}
              {c.waitSeconds !== null && <span className="muted"> · {t('phone.facts.waited', { time: formatDuration(c.waitSeconds) })}</span>}
            </dd>
          </div>
        )}
        {recorded && (
          <div>
            <dt>{t('operator.work.recording')}</dt>
            <dd>
              <RecordingPlayer contactId={c.id} contactRef={c.ref} />
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
