import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockView, ReferralDetail, ReferralSummary } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';
import { ClockBadge } from './clock-badge.js';
import { PauseClockDialog, ResumeClockDialog } from './clock-dialogs.js';
import { clockDisplayState, clocksOf } from './clock-state.js';
import { useSecond } from './clock-tick.js';

interface Props {
  referral: ReferralSummary;
  keep?: (r: ReferralSummary) => boolean;
}

type Dialog = { mode: 'pause' | 'resume'; clock: ClockView } | null;

/** Every clock of a referral with its deadline, and Pause / Resume for the agency's three (never the re-route timer). */
export function ClockPanel({ referral, keep }: Props) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const now = useSecond();
  const clocks = clocksOf(referral);
  if (clocks.length === 0) return null;

  const done = (clock: ClockView, mode: 'pause' | 'resume', r: ReferralDetail | null) => {
    setDialog(null);
    const kind = t(`sla.kind.${clock.kind}`);
    if (mode === 'pause') return setNotice(t('sla.clocks.paused', { kind }));
    const now = r ? clocksOf(r).find((c) => c.kind === clock.kind) : undefined;
    setNotice(t('sla.clocks.resumed', { kind, due: formatDateTime((now ?? clock).dueAt) }));
  };

  return (
    <section className="clock-panel" aria-labelledby={`clocks-${referral.id}-title`} data-testid="clock-panel">
      <h3 id={`clocks-${referral.id}-title`}>{t('sla.clocks.title')}</h3>
      <div aria-live="polite">
        <Alert kind="success">{notice}</Alert>
      </div>
      <ul className="clock-list">
        {clocks.map((c) => {
          const kind = t(`sla.kind.${c.kind}`);
          return (
            <li key={c.id} className="clock-list-item">
              <div className="clock-list-main">
                <ClockBadge clock={c} />
                {(c.state === 'running' || c.state === 'paused') && <span className="clock-due">{t('sla.clock.due', { time: formatDateTime(c.dueAt) })}</span>}
              </div>
              {/* A deadline that has passed can no longer be paused (the server refuses it). */}
              {c.kind !== 'reroute' && c.state === 'running' && clockDisplayState(c, now) !== 'breached' && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setDialog({ mode: 'pause', clock: c })}
                  aria-label={t('sla.clocks.pauseAria', { kind })}
                  data-testid={`clock-pause-${c.kind}`}
                >
                  <span aria-hidden="true">‖ </span>
                  {t('sla.clocks.pause')}
                </button>
              )}
              {c.kind !== 'reroute' && c.state === 'paused' && (
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => setDialog({ mode: 'resume', clock: c })}
                  aria-label={t('sla.clocks.resumeAria', { kind })}
                  data-testid={`clock-resume-${c.kind}`}
                >
                  <span aria-hidden="true">▶ </span>
                  {t('sla.clocks.resume')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {dialog?.mode === 'pause' && (
        <PauseClockDialog referral={referral} clock={dialog.clock} keep={keep} onClose={() => setDialog(null)} onDone={(r) => done(dialog.clock, 'pause', r)} />
      )}
      {dialog?.mode === 'resume' && (
        <ResumeClockDialog referral={referral} clock={dialog.clock} keep={keep} onClose={() => setDialog(null)} onDone={(r) => done(dialog.clock, 'resume', r)} />
      )}
    </section>
  );
}
