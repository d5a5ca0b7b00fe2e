import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResponseTimeRow } from '../../../../shared/index.js';
import { formatMinutes } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';

const MAX_BARS = 12;
const COLOURS = { p50: '#0b5394', p90: '#c2410c' };
type Metric = 'acknowledge' | 'firstAction';

/** Time to acknowledge and to first action (p50 / p90, minutes), per agency or per province; a table holds every row. */
export function ResponseTimes({ byAgency, byProvince }: { byAgency: ResponseTimeRow[]; byProvince: ResponseTimeRow[] }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const fmt = (v: number | null) => (v === null ? '—' : formatMinutes(v, lang));
  const [group, setGroup] = useState<'agency' | 'province'>('agency');
  const rows = group === 'agency' ? byAgency : byProvince;
  const tableId = useId();

  return (
    <div className="metrics-block" data-testid="response-times">
      <div className="inline-row">
        <span className="label">{t('sla.metrics.groupBy')}:</span>
        <div className="inbox-tabs" role="group" aria-label={t('sla.metrics.groupBy')}>
          {(['agency', 'province'] as const).map((g) => (
            <button key={g} type="button" aria-pressed={group === g} onClick={() => setGroup(g)} data-testid={`metrics-group-${g}`}>
              {g === 'agency' ? t('sla.metrics.byAgency') : t('sla.metrics.byProvince')}
            </button>
          ))}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="empty-note">{t('sla.metrics.empty')}</p>
      ) : (
        <>
          <div className="metrics-charts">
            <TimeChart rows={rows} metric="acknowledge" title={t('sla.metrics.acknowledge')} tableId={tableId} />
            <TimeChart rows={rows} metric="firstAction" title={t('sla.metrics.firstAction')} tableId={tableId} />
          </div>
          <details className="metrics-table">
            <summary>{t('sla.metrics.table')}</summary>
            <div className="table-scroll">
              <table className="compact-table" id={tableId}>
                <thead>
                  <tr>
                    <th scope="col">{t('sla.metrics.name')}</th>
                    <th scope="col">{t('sla.metrics.acknowledge')}: {t('sla.metrics.n')}</th>
                    <th scope="col">p50</th>
                    <th scope="col">p90</th>
                    <th scope="col">{t('sla.metrics.firstAction')}: {t('sla.metrics.n')}</th>
                    <th scope="col">p50</th>
                    <th scope="col">p90</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key.id}>
                      <th scope="row">{r.key.name}</th>
                      <td>{r.acknowledge.n}</td>
                      <td>{fmt(r.acknowledge.p50)}</td>
                      <td>{fmt(r.acknowledge.p90)}</td>
                      <td>{r.firstAction.n}</td>
                      <td>{fmt(r.firstAction.p50)}</td>
                      <td>{fmt(r.firstAction.p90)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}

/** Slowest first (by p90), at most a dozen bars; the summary names the slowest and the fastest. */
function TimeChart({ rows, metric, title, tableId }: { rows: ResponseTimeRow[]; metric: Metric; title: string; tableId: string }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const fmt = (v: number | null) => (v === null ? '—' : formatMinutes(v, lang));
  const measured = rows.filter((r) => r[metric].n > 0 && r[metric].p90 !== null).sort((a, b) => (b[metric].p90 ?? 0) - (a[metric].p90 ?? 0));
  const data = measured.slice(0, MAX_BARS).map((r) => ({ name: r.key.name, p50: r[metric].p50, p90: r[metric].p90 }));
  const slow = measured[0];
  const fast = measured[measured.length - 1];
  const summary =
    slow && fast
      ? t('sla.metrics.summaryTimes', { name: slow.key.name, p90: fmt(slow[metric].p90), fastName: fast.key.name, fastP90: fmt(fast[metric].p90) })
      : t('sla.metrics.empty');
  const summaryId = useId();

  return (
    <figure className="metrics-figure" aria-describedby={summaryId} data-testid={`chart-${metric}`}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {data.length > 0 && (
        <div className="metrics-chart" role="img" aria-label={`${title}. ${summary}`} aria-details={tableId}>
          <ResponsiveContainer width="100%" height={data.length * 34 + 60}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip formatter={(v) => fmt(typeof v === 'number' ? v : null)} />
              <Legend itemSorter={null} />
              <Bar dataKey="p50" name={t('sla.metrics.p50')} fill={COLOURS.p50} isAnimationActive={false} />
              <Bar dataKey="p90" name={t('sla.metrics.p90')} fill={COLOURS.p90} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <p className="muted small" id={summaryId}>
        {summary}
        {measured.length > MAX_BARS && <> {t('sla.metrics.showing', { shown: MAX_BARS, total: measured.length })}</>}
      </p>
    </figure>
  );
}
