import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../i18n/format.js';
import { useDesk } from '../operator/desk/desk-context.js';
import { useSecond } from '../referrals/clock-tick.js';
import { AudioSettings } from './audio-settings.js';
import { callSeconds, type PhoneCall } from './call-state.js';
import { DtmfPad } from './dtmf-pad.js';
import { usePhone } from './phone-context.js';
import { TrainingLabel } from './status-badge.js';

type Drawer = 'keypad' | 'audio' | null;

/** The call in progress: whose, its state and timer, mute, hold, keypad, audio devices, hang up. */
export function CallControls({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const { state: desk } = useDesk();
  const now = useSecond();
  const [drawer, setDrawer] = useState<Drawer>(null);
  const ref = (desk.queue[call.contactId] ?? desk.details[call.contactId])?.ref ?? `#${call.contactId}`;
  const ended = call.phase === 'ended';
  const phaseText = ended ? t('phone.call.ended') : call.phase === 'active' ? t('phone.call.active') : call.kind === 'callback' ? t('phone.call.ringingOut') : t('phone.call.connecting');
  const toggle = (d: Drawer) => setDrawer((cur) => (cur === d ? null : d));
  const audio = phone.softphone?.kind === 'twilio';
  // A desk phone or SIP device carries the call: mute, keypad and hang-up are on that phone, hold stays here.
  const here = phone.softphone !== null;

  return (
    <div className={`call-controls call-controls--${call.phase}`} data-testid="call-controls" data-phase={call.phase} data-contact-id={call.contactId}>
      <div className="call-who">
        <span className="call-ref">{ref}</span>
        {call.kind === 'callback' && <span className="badge badge--callback">{t('phone.call.callback')}</span>}
        {call.training && <TrainingLabel />}
        <span className="call-phase" data-testid="call-phase" role="status">
          {phaseText}
        </span>
        <time className="call-timer" data-testid="call-timer" aria-label={t('phone.call.timer')}>
          {formatDuration(callSeconds(call, now))}
        </time>
      </div>
      {!ended ? (
        <div className="call-buttons">
          {here && (
            <button type="button" className="button button--small" aria-pressed={call.muted} data-testid="call-mute" onClick={phone.toggleMute}>
              {call.muted ? t('phone.call.unmute') : t('phone.call.mute')}
            </button>
          )}
          {call.kind === 'inbound' && (
            <button type="button" className="button button--small" aria-pressed={call.held} data-testid="call-hold" disabled={call.phase !== 'active'} onClick={() => void phone.toggleHold()}>
              {call.held ? t('phone.call.resume') : t('phone.call.hold')}
            </button>
          )}
          {here && (
            <button type="button" className="button button--small" aria-expanded={drawer === 'keypad'} data-testid="call-keypad" onClick={() => toggle('keypad')}>
              {t('phone.call.keypad')}
            </button>
          )}
          {audio && (
            <button type="button" className="button button--small" aria-expanded={drawer === 'audio'} data-testid="call-audio" onClick={() => toggle('audio')}>
              {t('phone.call.audio')}
            </button>
          )}
          {here && (
            <button type="button" className="button button--small button--hangup" data-testid="call-hangup" onClick={phone.hangup}>
              {t('phone.call.hangup')}
            </button>
          )}
        </div>
      ) : (
        <button type="button" className="button button--small button--ghost" data-testid="call-dismiss" onClick={phone.dismiss}>
          {t('phone.call.dismiss')}
        </button>
      )}
      {!ended && drawer === 'keypad' && <DtmfPad onDigit={phone.digits} />}
      {!ended && drawer === 'audio' && phone.softphone && <AudioSettings phone={phone.softphone} />}
    </div>
  );
}
