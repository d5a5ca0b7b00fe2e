import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.js';
import { PlaceholderPanel } from '../components/placeholder-panel.js';

/** Operator landing page: queue on the left, the contact being handled in the middle, screening on the right. */
export function OperatorConsole() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader testId="landing-operator" title={t('landing.operator.title')} intro={t('landing.operator.intro')} />
      <div className="console-grid console-grid--three">
        <PlaceholderPanel title={t('landing.operator.queue')} body={t('landing.operator.queueBody')} />
        <PlaceholderPanel title={t('landing.operator.contact')} body={t('landing.operator.contactBody')} className="panel--tall" />
        <PlaceholderPanel title={t('landing.operator.screening')} body={t('landing.operator.screeningBody')} />
      </div>
    </>
  );
}
