import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.js';
import { PageHeader } from '../components/page-header.js';
import { PlaceholderPanel } from '../components/placeholder-panel.js';

/** Agency officer landing page: the referrals sent to the officer's own agency. */
export function AgencyInbox() {
  const { t } = useTranslation();
  const { data: user } = useSession();
  return (
    <>
      <PageHeader
        testId="landing-agency_officer"
        title={user?.agencyName ? `${t('landing.agency.title')} · ${user.agencyName}` : t('landing.agency.title')}
        intro={t('landing.agency.intro')}
      />
      <div className="console-grid console-grid--three">
        <PlaceholderPanel title={t('landing.agency.inbox')} body={t('landing.agency.inboxBody')} />
        <PlaceholderPanel title={t('landing.agency.open')} body={t('landing.agency.openBody')} />
        <PlaceholderPanel title={t('landing.agency.closed')} body={t('landing.agency.closedBody')} />
      </div>
    </>
  );
}
