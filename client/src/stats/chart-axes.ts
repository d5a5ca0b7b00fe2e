import type { Lang } from '../../../shared/index.js';
import { formatNumber } from '../i18n/format.js';

const DEFAULT_LINE_CHARS = 30;

/** A category label in at most two lines of about LINE_CHARS characters (agencies' names are long), cut with … beyond. */
export function wrapLabel(text: string, LINE_CHARS = DEFAULT_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > LINE_CHARS) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines.map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS - 1)}…` : l));
  const second = lines.slice(1).join(' ');
  return [lines[0]!.slice(0, LINE_CHARS), `${second.slice(0, LINE_CHARS - 1)}…`];
}

/** Hours a reader pictures (6 minutes, an hour, 6 hours, a day, a week, a month, a quarter, a year): the log axis' marks. */
export const TIME_MARKS = [0.1, 1, 6, 24, 168, 720, 2160, 8760];

const SHORT = { vi: { min: 'phút', h: 'giờ', d: 'ngày' }, en: { min: 'min', h: 'h', d: 'd' } } as const;

/** A mark of the time axis in one unit: "6 phút", "1 giờ", "7 ngày" / "6 min", "1 h", "7 d" (never "24 giờ"). */
export function timeMark(hours: number, lang: Lang): string {
  const u = SHORT[lang];
  if (hours < 1) return `${formatNumber(Math.round(hours * 60), lang)} ${u.min}`;
  if (hours < 24) return `${formatNumber(Math.round(hours), lang)} ${u.h}`;
  return `${formatNumber(Math.round(hours / 24), lang)} ${u.d}`;
}

/** The log axis' domain: from the mark below the least value to the mark above the greatest. */
export function logDomain(values: number[]): { domain: [number, number]; marks: number[] } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const lo = [...TIME_MARKS].reverse().find((m) => m <= min) ?? min;
  const hi = TIME_MARKS.find((m) => m >= max) ?? max;
  const domain: [number, number] = [lo, hi > lo ? hi : lo * 10];
  return { domain, marks: TIME_MARKS.filter((m) => m >= domain[0] && m <= domain[1]) };
}

/**
 * The marks that fit a log axis `width` px wide without their labels touching (at least `gap` px apart), the last
 * mark kept first: the farthest spans are what a reader looks for. `measure`: a label's width in px (text-width.ts).
 */
export function fittingLogTicks(
  marks: number[], domain: [number, number], width: number, label: (v: number) => string, measure: (text: string) => number, gap = 12,
): number[] {
  if (width <= 0 || marks.length === 0) return marks;
  const span = Math.log(domain[1]) - Math.log(domain[0]);
  const at = (v: number) => ((Math.log(v) - Math.log(domain[0])) / span) * width;
  const half = (v: number) => measure(label(v)) / 2;
  const kept: number[] = [];
  for (const m of [...marks].reverse()) {
    const last = kept[kept.length - 1];
    if (last === undefined || at(last) - at(m) >= half(last) + half(m) + gap) kept.push(m);
  }
  return kept.reverse();
}

/** Round marks from 0 past `max` (0, 50, 100, 150, 200), about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ, never a fraction. */
export function countTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw);
  const whole = Number.isInteger(step) ? step : Math.ceil(step);
  const ticks: number[] = [];
  for (let v = 0; v < max + whole; v += whole) ticks.push(v);
  return ticks;
}
