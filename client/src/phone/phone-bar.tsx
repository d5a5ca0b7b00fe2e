import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioSettings } from './audio-settings.js';
import { CallControls } from './call-controls.js';
import { usePhone } from './phone-context.js';
import { StatusSwitch } from './status-switch.js';
import './phone.css';

/** The operator's phone across the top of the console: my status, the line, the call in progress. */
export function PhoneBar() {
  const { t } = useTranslation();
  const phone = usePhone();
  const [audio, setAudio] = useState(false);
  const { line, problem, call } = phone.state;

  return (
    <section className="phone-bar" aria-label={t('phone.title')} data-testid="phone-bar" data-line={line} data-mode={phone.mode ?? 'loading'}>
      <StatusSwitch />
      <div className="phone-line" data-testid="phone-line">
        <span className={`line-dot line-dot--${problem ? 'error' : line}`} aria-hidden="true" />
        <span>{problem && phone.mode === 'twilio' ? t('phone.line.blocked') : lineText(phone.mode, line, t)}</span>
        {phone.mode === 'twilio' && !call && (
          <button type="button" className="button button--small button--ghost" aria-expanded={audio} data-testid="phone-audio" onClick={() => setAudio((a) => !a)}>
            {t('phone.call.audio')}
          </button>
        )}
      </div>
      {call && <CallControls call={call} />}
      {problem && (
        <div className="phone-problem" role="alert" data-testid="phone-problem" data-problem={problem}>
          <span>{t(`phone.problem.${problem}`)}</span>
          <button type="button" className="button button--small" onClick={phone.restart}>
            {t('phone.problem.retry')}
          </button>
        </div>
      )}
      {audio && !call && phone.softphone && <AudioSettings phone={phone.softphone} />}
    </section>
  );
}

function lineText(mode: ReturnType<typeof usePhone>['mode'], line: string, t: TFunction): string {
  if (mode === null) return t('phone.line.loading');
  if (mode === 'training') return t('phone.line.training');
  if (mode === 'none') return t('phone.line.deskPhone');
  return t(line === 'ready' ? 'phone.line.ready' : line === 'starting' ? 'phone.line.starting' : 'phone.line.off');
}
