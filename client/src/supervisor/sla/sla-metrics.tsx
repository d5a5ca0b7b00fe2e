import { useTranslation } from 'react-i18next';
import type { BoardQuery } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { formatTime } from '../../i18n/format.js';
import { useSlaMetrics } from './board-api.js';
import { ComplianceChart } from './compliance-chart.js';
import { ResponseTimes } from './response-times.js';

/** Response times (p50 / p90 per agency and province) and SLA compliance, for the board's filters. */
export function SlaMetricsPanel({ filters }: { filters: BoardQuery }) {
  const { t } = useTranslation();
  const metrics = useSlaMetrics(filters);
  const m = metrics.data;

  return (
    <section className="panel sla-panel sla-metrics" aria-labelledby="sla-metrics-title" data-testid="sla-metrics" aria-busy={metrics.isFetching || undefined}>
      <header className="panel-header">
        <h3 id="sla-metrics-title">{t('sla.metrics.title')}</h3>
        {m && <span className="muted small">{t('sla.metrics.generatedAt', { time: formatTime(m.generatedAt, false) })}</span>}
      </header>
      <p className="muted small">{t('sla.metrics.intro')}</p>
      {metrics.isError && <Alert>{t('common.loadError', { message: metrics.error.message })}</Alert>}
      {metrics.isPending && <p className="muted">{t('app.loading')}</p>}
      {m && (
        <div className="metrics-grid">
          <ComplianceChart rows={m.compliance} />
          <ResponseTimes byAgency={m.byAgency} byProvince={m.byProvince} />
        </div>
      )}
    </section>
  );
}
