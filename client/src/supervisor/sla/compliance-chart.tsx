import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SLA_METRICS, type ComplianceRow } from '../../../../shared/index.js';

const COLOURS = { overall: '#136c3a', acknowledge: '#0b5394', first_action: '#8a5a00', close: '#6b4fa0' } as const;
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Share of clocks met on time today, over 7 and over 30 days: overall and per deadline; the summary and table say it in words. */
export function ComplianceChart({ rows }: { rows: ComplianceRow[] }) {
  const { t } = useTranslation();
  const rateText = (rate: number | null) => (rate === null ? t('sla.metrics.noRate') : `${pct(rate)}%`);
  const data = rows.map((r) => ({
    window: t(`sla.metrics.window.${r.window}`),
    overall: pct(r.rate),
    ...Object.fromEntries(SLA_METRICS.map((m) => [m, pct(r.byMetric[m].rate)])),
  }));

  if (rows.length === 0) return <p className="empty-note">{t('sla.metrics.empty')}</p>;
  return (
    <figure className="metrics-figure" data-testid="chart-compliance">
      <figcaption>
        <strong>{t('sla.metrics.compliance')}</strong> <span className="muted small">{t('sla.metrics.complianceIntro')}</span>
      </figcaption>
      <ul className="compliance-summary" data-testid="compliance-summary">
        {rows.map((r) => (
          <li key={r.window} data-window={r.window}>
            {t('sla.metrics.summaryCompliance', { window: t(`sla.metrics.window.${r.window}`), rate: rateText(r.rate), met: r.met, breached: r.breached })}
          </li>
        ))}
      </ul>
      {rows.some((r) => r.rate !== null) && (
        <div className="metrics-chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="window" />
              <YAxis domain={[0, 100]} unit="%" />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${v}%` : t('sla.metrics.noRate'))} />
              <Legend itemSorter={null} />
              <Bar dataKey="overall" name={t('sla.metrics.overall')} fill={COLOURS.overall} isAnimationActive={false} />
              {SLA_METRICS.map((m) => (
                <Bar key={m} dataKey={m} name={t(`sla.kind.${m}`)} fill={COLOURS[m]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <details className="metrics-table">
        <summary>{t('sla.metrics.table')}</summary>
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t('sla.metrics.compliance')}</th>
                <th scope="col">{t('sla.metrics.overall')}</th>
                {SLA_METRICS.map((m) => (
                  <th key={m} scope="col">
                    {t(`sla.kind.${m}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.window}>
                  <th scope="row">{t(`sla.metrics.window.${r.window}`)}</th>
                  <td>
                    {rateText(r.rate)} <span className="muted small">({r.met}/{r.met + r.breached})</span>
                  </td>
                  {SLA_METRICS.map((m) => (
                    <td key={m}>
                      {rateText(r.byMetric[m].rate)}{' '}
                      <span className="muted small">
                        ({r.byMetric[m].met}/{r.byMetric[m].met + r.byMetric[m].breached})
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
