import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang, StatTable } from '../../../shared/index.js';
import { CHART_SPECS, chartRows, SERIES_COLOURS } from './chart-specs.js';
import { formatHours, statValue } from '../i18n/format.js';

const LINE_CHARS = 30;

/** A category label in at most two lines of about LINE_CHARS characters (agencies' names are long), cut with … beyond. */
export function wrapLabel(text: string): string[] {
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

/** The whole label is in the table and on hover. */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const full = String(payload?.value ?? '');
  const lines = wrapLabel(full);
  return (
    <text x={x} y={y} textAnchor="end" fontSize={12} fill="#17212f">
      <title>{full}</title>
      {lines.map((l, i) => (
        <tspan key={i} x={x} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.6}em` : '1.2em'}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** Hours a reader pictures (an hour, a day, a week, a month…): the marks of the response times' log axis. */
const TIME_MARKS = [0.1, 1, 6, 24, 168, 720, 2160, 8760];

function logDomain(values: number[]): { domain: [number, number]; ticks: number[] } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const lo = [...TIME_MARKS].reverse().find((m) => m <= min) ?? min;
  const hi = TIME_MARKS.find((m) => m >= max) ?? max;
  return { domain: [lo, hi > lo ? hi : lo * 10], ticks: TIME_MARKS.filter((m) => m >= lo && m <= hi) };
}

/**
 * The chart of one statistics table (recharts: loaded on demand, in the charts chunk). Decorative for assistive
 * technology beyond its summary: the table next to it has every figure.
 */
export default function StatChart({ table, lang, summary }: { table: StatTable; lang: Lang; summary: string }) {
  const { t } = useTranslation();
  const spec = CHART_SPECS[table.id];
  const { data } = chartRows(table, lang);
  const unitOf = (key: string) => table.columns.find((c) => c.key === key)?.unit ?? 'count';
  const nameOf = (key: string) => table.columns.find((c) => c.key === key)?.label[lang] ?? key;
  const many = spec.series.length > 1;
  const twoLines = data.some((d) => wrapLabel(d.name).length > 1);
  const rowHeight = many && !spec.stacked ? 44 : twoLines ? 36 : 30;
  const height = data.length * rowHeight + (many ? 64 : 36);

  const measured = spec.kind === 'times' ? data.flatMap((d) => spec.series.map((s) => d[s])).filter((v): v is number => typeof v === 'number' && v > 0) : [];
  const log = spec.kind === 'times' && measured.length > 0 ? logDomain(measured) : null;
  // On a log axis a bar cannot start at 0 nor show 0: such values are left out of the drawing (the table has them).
  const drawn = log ? data.map((d) => ({ ...d, ...Object.fromEntries(spec.series.map((s) => [s, typeof d[s] === 'number' && (d[s] as number) > 0 ? d[s] : null])) })) : data;
  const format = (v: unknown, key: string) => {
    if (typeof v !== 'number') return '—';
    const unit = unitOf(key);
    return statValue(v, unit, lang, true);
  };

  return (
    <>
    <div className="stats-chart" role="img" aria-label={`${table.title[lang]}. ${summary}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={drawn} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          {log ? (
            <XAxis type="number" scale="log" domain={log.domain} ticks={log.ticks} allowDataOverflow tickFormatter={(v: number) => formatHours(v, lang)} fontSize={12} />
          ) : spec.kind === 'percent' ? (
            <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} />
          ) : (
            <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => statValue(v, 'count', lang)} fontSize={12} />
          )}
          <YAxis type="category" dataKey="name" width={220} interval={0} tick={CategoryTick} tickLine={false} />
          <Tooltip formatter={(v, _n, item) => [format(v, String(item.dataKey)), nameOf(String(item.dataKey))]} cursor={{ fill: '#eef2f7' }} />
          {many && <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />}
          {spec.series.map((s) => (
            <Bar
              key={s}
              dataKey={s}
              name={nameOf(s)}
              fill={SERIES_COLOURS[s] ?? '#0b5394'}
              stackId={spec.stacked ? 'all' : undefined}
              isAnimationActive={false}
              maxBarSize={28}
            >
              {!spec.stacked && (
                <LabelList
                  dataKey={s}
                  position="right"
                  fontSize={12}
                  fill="#17212f"
                  formatter={(v: unknown) => (typeof v !== 'number' ? '' : statValue(v, unitOf(s), lang, true))}
                />
              )}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
    {log && <p className="muted small">{t('stats.chart.logScale')}</p>}
    </>
  );
}
