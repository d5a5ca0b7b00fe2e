import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.js';
import { PlaceholderPanel } from '../components/placeholder-panel.js';

/** Supervisor landing page: live queue, SLA clocks and escalations. */
export function SupervisorBoard() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader testId="landing-supervisor" title={t('landing.supervisor.title')} intro={t('landing.supervisor.intro')} />
      <div className="console-grid console-grid--three">
        <PlaceholderPanel title={t('landing.supervisor.live')} body={t('landing.supervisor.liveBody')} />
        <PlaceholderPanel title={t('landing.supervisor.sla')} body={t('landing.supervisor.slaBody')} />
        <PlaceholderPanel title={t('landing.supervisor.escalations')} body={t('landing.supervisor.escalationsBody')} />
      </div>
    </>
  );
}
