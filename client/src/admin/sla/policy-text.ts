import type { TFunction } from 'i18next';
import { WEEKDAYS, type SlaPolicyBody, type WorkingCalendar } from '../../../../shared/index.js';

/** "15 phút", "2 ngày làm việc". */
export function targetText(target: SlaPolicyBody['targets']['acknowledge'], t: TFunction): string {
  return `${target.value} ${t(`sla.units.${target.unit}`)}`;
}

/** "24/7", or the working week with days of equal hours grouped: "Thứ Hai – Thứ Sáu 07:30–11:30, 13:30–17:00". */
export function calendarText(c: WorkingCalendar, t: TFunction): string {
  if (c.mode === '24x7') return t('sla.policies.calendar24x7');
  const runs: { from: number; to: number; hours: string }[] = [];
  WEEKDAYS.forEach((d, i) => {
    const hours = (c.hours[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
    const last = runs[runs.length - 1];
    if (last && last.hours === hours && last.to === i - 1) last.to = i;
    else runs.push({ from: i, to: i, hours });
  });
  const day = (i: number) => t(`weekdays.${WEEKDAYS[i]!}`);
  const days = runs
    .filter((r) => r.hours)
    .map((r) => `${r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`} ${r.hours}`)
    .join('; ');
  return t('sla.policies.calendarHours', { days });
}
