/**
 * The one way the console writes dates, times, numbers and spans of time:
 * - dates dd/mm/yyyy and times 24 h, always in Vietnam's time zone (Asia/Ho_Chi_Minh), whatever the browser's;
 * - numbers in the language's format (vi: 4.610 and 1,5; en: 4,610 and 1.5);
 * - spans of time in words a reader pictures: "1 giờ 39 phút" / "1 h 39 min", "25 ngày 4 giờ" / "25 d 4 h",
 *   never "1,65" or "0.2 phút".
 * Clock faces that tick (m:ss, h:mm:ss) use formatDuration.
 */
import type { Lang, StatUnit } from '../../../shared/index.js';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function vnParts(d: Date, opts: Intl.DateTimeFormatOptions): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hourCycle: 'h23', ...opts })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
}

/** dd/mm/yyyy hh:mm in Vietnam's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = vnParts(d, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** dd/mm/yyyy: a calendar day (YYYY-MM-DD, taken as it is) or an instant (its day in Vietnam). */
export function formatDate(isoOrDay: string): string {
  if (DAY_RE.test(isoOrDay)) return `${isoOrDay.slice(8, 10)}/${isoOrDay.slice(5, 7)}/${isoOrDay.slice(0, 4)}`;
  const d = new Date(isoOrDay);
  if (Number.isNaN(d.getTime())) return isoOrDay;
  const p = vnParts(d, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.day}/${p.month}/${p.year}`;
}

/**
 * A calendar day as a person types it, dd/mm/yyyy (also d/m/yyyy, with . or - between, or YYYY-MM-DD pasted), as
 * YYYY-MM-DD; null when it is not a day of the calendar (31/02/2026, 5/12/26, 12/2026).
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = DAY_RE.test(t) ? [t.slice(8, 10), t.slice(5, 7), t.slice(0, 4)] : null;
  const m = iso ?? t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/)?.slice(1);
  if (!m) return null;
  const [day, month, year] = m.map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "01/07/2026 – 31/12/2026". */
export function formatPeriod(p: { from: string; to: string }): string {
  return `${formatDate(p.from)} – ${formatDate(p.to)}`;
}

/** hh:mm:ss (or hh:mm) in Vietnam's time zone. */
export function formatTime(iso: string, seconds = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = vnParts(d, { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined });
  return seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** A ticking clock face: m:ss, or h:mm:ss from an hour on. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the language's format, with at most `digits` decimals (vi-VN: 4.610 and 1,5; en: 4,610 and 1.5). */
export function formatNumber(v: number, lang: Lang, digits = 0): string {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(key, f);
  }
  return f.format(v);
}

const UNITS = {
  vi: { d: 'ngày', h: 'giờ', min: 'phút', lessThanMinute: 'dưới 1 phút' },
  en: { d: 'd', h: 'h', min: 'min', lessThanMinute: 'under 1 min' },
} as const;

/** A span in whole minutes, hours and minutes, or days and hours: "12 phút", "1 giờ 39 phút", "25 d 4 h". */
export function formatMinutes(minutes: number, lang: Lang): string {
  const u = UNITS[lang];
  const total = Math.round(Math.abs(minutes));
  if (total === 0) return minutes === 0 ? `0 ${u.min}` : u.lessThanMinute;
  const part = (n: number, unit: string) => `${formatNumber(n, lang)} ${unit}`;
  if (total < 60) return part(total, u.min);
  if (total < 48 * 60) {
    const h = Math.floor(total / 60);
    const m = total % 60;
    return m ? `${part(h, u.h)} ${part(m, u.min)}` : part(h, u.h);
  }
  const hours = Math.round(total / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${part(d, u.d)} ${part(h, u.h)}` : part(d, u.d);
}

/** formatMinutes for a span given in hours (the statistics' unit). */
export const formatHours = (hours: number, lang: Lang): string => formatMinutes(hours * 60, lang);

/**
 * A statistics value in the console's language: counts whole, spans of time in words (formatHours), percentages to
 * one decimal (the column's heading says "(%)"; charts ask for the sign); null as —.
 */
export function statValue(v: number | null, unit: StatUnit, lang: Lang, percentSign = false): string {
  if (v === null) return '—';
  if (unit === 'count') return formatNumber(v, lang);
  if (unit === 'hours') return formatHours(v, lang);
  return `${formatNumber(v, lang, 1)}${percentSign ? '%' : ''}`;
}
