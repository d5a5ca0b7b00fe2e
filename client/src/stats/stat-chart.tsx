import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang, StatTable } from '../../../shared/index.js';
import { statValue } from '../i18n/format.js';
import { countTicks, fittingLogTicks, logDomain, timeMark, wrapLabel } from './chart-axes.js';
import { textWidth } from './text-width.js';
import { CHART_SPECS, chartRows, SERIES_COLOURS } from './chart-specs.js';

const MARGIN = { top: 4, right: 16, bottom: 22, left: 8 };

/** A category label wrapped to lines of `lineChars` characters; the whole label is in the table and on hover. */
function categoryTick(lineChars: number) {
  return function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
    const full = String(payload?.value ?? '');
    const lines = wrapLabel(full, lineChars);
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
  };
}

/** A bar's value after its end, on one line (recharts' own label wraps a long span of time). */
function valueLabel(text: (v: unknown) => string) {
  return function ValueLabel(props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown }) {
    const shown = text(props.value);
    if (!shown) return null;
    const [x, y, w, h] = [props.x, props.y, props.width, props.height].map((n) => Number(n ?? 0)) as [number, number, number, number];
    return (
      <text x={x + w + 5} y={y + h / 2} dy="0.35em" fontSize={12} fill="#17212f" className="stats-chart-value">
        {shown}
      </text>
    );
  };
}

/**
 * The chart of one statistics table (recharts: loaded on demand, in the charts chunk). Decorative for assistive
 * technology beyond its summary: the table next to it has every figure. The category axis is as wide as its longest
 * label, the value labels have the room they need, and the time axis keeps only the marks that fit its width.
 */
export default function StatChart({ table, lang, summary }: { table: StatTable; lang: Lang; summary: string }) {
  const { t } = useTranslation();
  const [width, setWidth] = useState(0);
  const spec = CHART_SPECS[table.id];
  const { data } = chartRows(table, lang);
  const unitOf = (key: string) => table.columns.find((c) => c.key === key)?.unit ?? 'count';
  const nameOf = (key: string) => table.columns.find((c) => c.key === key)?.label[lang] ?? key;
  const many = spec.series.length > 1;
  // At most 230 px of labels, and at most 40 % of a narrow chart (a phone), in lines that fit.
  const room = Math.min(230, width > 0 ? width * 0.4 : 230);
  const lineChars = room >= 200 ? 30 : Math.max(10, Math.floor(room / 7.5));
  const twoLines = data.some((d) => wrapLabel(d.name, lineChars).length > 1);
  const rowHeight = many && !spec.stacked ? 44 : twoLines ? 36 : 30;
  const height = data.length * rowHeight + (many ? 64 : 36) + MARGIN.bottom;
  const valueText = (v: unknown, key: string) => (typeof v !== 'number' ? '' : statValue(v, unitOf(key), lang, true));

  const categoryWidth = Math.ceil(Math.min(room, Math.max(48, ...data.flatMap((d) => wrapLabel(d.name, lineChars).map((l) => textWidth(l)))) + 10));
  const labelsWidth = spec.stacked ? 0 : Math.max(0, ...data.flatMap((d) => spec.series.map((s) => textWidth(valueText(d[s], s)))));
  const margin = { ...MARGIN, right: Math.ceil(Math.max(MARGIN.right, labelsWidth + 10)) };
  const plotWidth = width - categoryWidth - margin.left - margin.right;

  const measured = spec.kind === 'times' ? data.flatMap((d) => spec.series.map((s) => d[s])).filter((v): v is number => typeof v === 'number' && v > 0) : [];
  const log = spec.kind === 'times' && measured.length > 0 ? logDomain(measured) : null;
  const label = (v: number) => timeMark(v, lang);
  const logTicks = log ? fittingLogTicks(log.marks, log.domain, plotWidth, label, (t) => textWidth(t)) : [];
  // On a log axis a bar cannot start at 0 nor show 0: such values are left out of the drawing (the table has them).
  const drawn = log ? data.map((d) => ({ ...d, ...Object.fromEntries(spec.series.map((s) => [s, typeof d[s] === 'number' && (d[s] as number) > 0 ? d[s] : null])) })) : data;
  const numbers = (d: (typeof data)[number]) => spec.series.map((s) => d[s]).filter((v): v is number => typeof v === 'number');
  const largest = Math.max(0, ...data.map((d) => (spec.stacked ? numbers(d).reduce((a, b) => a + b, 0) : Math.max(0, ...numbers(d)))));
  const counts = countTicks(largest);
  const axisTitle = { value: t(`stats.chart.axis.${spec.kind}`), position: 'insideBottom' as const, offset: -16, fontSize: 12, fill: '#4f5d70' };
  const common = { type: 'number' as const, fontSize: 12, label: axisTitle, minTickGap: 12, interval: 'preserveStartEnd' as const };

  return (
    <>
      <div className="stats-chart" role="img" aria-label={`${table.title[lang]}. ${summary}`}>
        <ResponsiveContainer width="100%" height={height} onResize={(w) => setWidth(w)}>
          <BarChart data={drawn} layout="vertical" margin={margin} accessibilityLayer={false} barCategoryGap="18%">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            {log ? (
              <XAxis {...common} scale="log" domain={log.domain} ticks={logTicks} allowDataOverflow tickFormatter={label} interval={0} />
            ) : spec.kind === 'percent' ? (
              <XAxis {...common} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} />
            ) : (
              <XAxis {...common} domain={[0, counts[counts.length - 1]!]} ticks={counts} allowDecimals={false} tickFormatter={(v: number) => statValue(v, 'count', lang)} />
            )}
            <YAxis type="category" dataKey="name" width={categoryWidth} interval={0} tick={categoryTick(lineChars)} tickLine={false} />
            <Tooltip formatter={(v, _n, item) => [valueText(v, String(item.dataKey)) || '—', nameOf(String(item.dataKey))]} cursor={{ fill: '#eef2f7' }} />
            {many && <Legend itemSorter={null} verticalAlign="top" wrapperStyle={{ fontSize: 13, paddingBottom: 6 }} />}
            {spec.series.map((s) => (
              <Bar key={s} dataKey={s} name={nameOf(s)} fill={SERIES_COLOURS[s] ?? '#0b5394'} stackId={spec.stacked ? 'all' : undefined} isAnimationActive={false} maxBarSize={28}>
                {!spec.stacked && <LabelList dataKey={s} content={valueLabel((v) => valueText(v, s))} />}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {log && <p className="muted small">{t('stats.chart.logScale')}</p>}
    </>
  );
}
