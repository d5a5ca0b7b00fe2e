import type { TFunction } from 'i18next';
import { CLOCK_KINDS, type ClockKind, type ReferralEvent } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { spanText } from './clock-format.js';

/** Detail keys of the SLA events (sla_warning, sla_breached, escalated, clock_paused, clock_resumed) said in words here. */
export const SLA_DETAIL_KEYS = ['clock', 'dueAt', 'late', 'pausedMs', 'level'] as const;

const isKind = (v: unknown): v is ClockKind => typeof v === 'string' && (CLOCK_KINDS as readonly string[]).includes(v);

/** "Đồng hồ: Tiếp nhận", "Hạn: 23/11/2026 05:13", "Trễ 1:28", "Cấp 1: đã báo cơ quan cấp trên …". */
export function slaEventLines(e: ReferralEvent, t: TFunction, agencyName?: (id: number) => string | undefined): string[] {
  const d = e.details;
  const lines: string[] = [];
  if (isKind(d.clock)) lines.push(t('sla.timeline.clock', { kind: t(`sla.kind.${d.clock}`) }));
  if (e.type === 'escalated' && (d.level === 1 || d.level === 2)) {
    const to = typeof d.to === 'number' ? (agencyName?.(d.to) ?? `#${d.to}`) : '';
    lines.push(d.level === 1 ? t('sla.timeline.parent', { name: to }).replace(/\s+$/, '') : t('sla.timeline.supervisor'));
  }
  if (typeof d.late === 'number') lines.push(t('sla.timeline.late', { time: spanText(d.late, t) }));
  if (typeof d.pausedMs === 'number') lines.push(t('sla.timeline.pausedFor', { time: spanText(d.pausedMs, t) }));
  if (typeof d.dueAt === 'string') lines.push(t('sla.timeline.due', { time: formatDateTime(d.dueAt) }));
  return lines;
}
