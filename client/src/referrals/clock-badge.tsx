import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockView } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { CLOCK_ICONS, clockTimeText, ESCALATION_STEP } from './clock-format.js';
import { clockDisplayState } from './clock-state.js';
import { useSecond } from './clock-tick.js';
import './clocks.css';

interface Props {
  clock: ClockView;
  /** One line for lists (the pause reason moves into the tooltip). */
  compact?: boolean;
}

/**
 * One deadline, ticking every second: kind, state in words and symbol, time left or overdue, escalation level.
 * `data-state` (ok | warning | breached | paused | met | stopped) follows the colour, for browser tests.
 */
export const ClockBadge = memo(function ClockBadge({ clock: c, compact }: Props) {
  const { t } = useTranslation();
  const now = useSecond();
  const state = clockDisplayState(c, now);
  const kind = t(`sla.kind.${c.kind}`);
  const level = c.escalationLevel;
  const escalation = level === 0 ? null : t(`sla.clock.escalation.${ESCALATION_STEP[level]}`);
  const reason = state === 'paused' && c.pauseReason ? t('sla.clock.reason', { text: c.pauseReason }) : null;
  const title = [t(`sla.kindHint.${c.kind}`), t('sla.clock.due', { time: formatDateTime(c.dueAt) }), escalation, reason]
    .filter(Boolean)
    .join('\n');

  return (
    <span
      className={`clock clock--${state}${c.breachedAt ? ' clock--late' : ''}${compact ? ' clock--compact' : ''}`}
      data-testid={`clock-${c.kind}`}
      data-state={state}
      data-escalation={level}
      title={title}
    >
      <span className="clock-icon" aria-hidden="true">
        {CLOCK_ICONS[state]}
      </span>
      <span className="clock-kind">{kind}</span>
      <span className="clock-state">{t(`sla.state.${state}`)}</span>
      <time className="clock-time" dateTime={c.dueAt}>
        {clockTimeText(c, state, now, t)}
      </time>
      {escalation && (
        <span className={`clock-esc clock-esc--${level}`} data-testid={`clock-${c.kind}-escalation`}>
          <span aria-hidden="true">↑</span> {compact ? t('sla.clock.escalationShort', { level }) : escalation}
        </span>
      )}
      {reason && !compact && <span className="clock-reason">{reason}</span>}
    </span>
  );
});
