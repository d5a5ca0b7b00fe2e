import type { TFunction } from 'i18next';
import type { ClockView } from '../../../shared/index.js';
import { formatDateTime, formatDuration } from '../i18n/format.js';
import type { ClockDisplayState } from './clock-state.js';
import { msLeft } from './clock-state.js';

/** A span as m:ss, h:mm:ss, or "2 ngày 4 giờ" from a day on (seconds do not matter then). */
export function spanText(spanMs: number, t: TFunction): string {
  const s = Math.floor(Math.abs(spanMs) / 1000);
  if (s < 86_400) return formatDuration(s);
  const h = Math.floor(s / 3600);
  return t('sla.clock.days', { d: Math.floor(h / 24), h: h % 24 });
}

/** "còn 12:34", "quá hạn 3:02", "còn 1:00:00 khi tiếp tục", "lúc 14:05", "trễ 5:00". */
export function clockTimeText(c: ClockView, state: ClockDisplayState, now: number, t: TFunction): string {
  const left = msLeft(c, now);
  switch (state) {
    case 'ok':
    case 'warning':
      return t('sla.clock.left', { time: spanText(left, t) });
    case 'breached':
      return t('sla.clock.overdue', { time: spanText(left, t) });
    case 'paused':
      return t('sla.clock.pausedLeft', { time: spanText(Math.max(0, left), t) });
    case 'met':
      return left < 0 ? t('sla.clock.metLate', { time: spanText(left, t) }) : t('sla.clock.metAt', { time: formatDateTime(c.metAt ?? c.dueAt) });
    case 'stopped':
      return t('sla.clock.stopped');
  }
}

/** Symbols that say the state without colour (the text says it too). */
export const CLOCK_ICONS: Record<ClockDisplayState, string> = {
  ok: '◷',
  warning: '⚠',
  breached: '✖',
  paused: '‖',
  met: '✓',
  stopped: '■',
};

/** Who was told: level 1 the agency's parent (a provincial department), level 2 the hotline supervisor. */
export const ESCALATION_STEP = { 1: 'parent', 2: 'supervisor' } as const;
