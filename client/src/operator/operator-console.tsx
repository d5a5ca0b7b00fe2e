import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { OfferPanel } from '../phone/offer-panel.js';
import { PhoneBar } from '../phone/phone-bar.js';
import { PhoneProvider } from '../phone/phone-context.js';
import { DeskProvider, useDesk } from './desk/desk-context.js';
import { ManualIntakeDialog } from './intake/manual-intake-dialog.js';
import { PresenceStrip } from './presence-strip.js';
import { QueuePanel } from './queue/queue-panel.js';
import { WorkPane } from './work/work-pane.js';
import './desk.css';

/** The operator's working day: the phone, the live queue on the left, the contacts being handled on the right. */
export function OperatorConsole() {
  const { data: user } = useSession();
  if (!user) return null;
  return (
    <DeskProvider me={user.id}>
      <PhoneProvider>
        <Desk />
      </PhoneProvider>
    </DeskProvider>
  );
}

function Desk() {
  const { t } = useTranslation();
  const { notice, setNotice, addMine } = useDesk();
  const [intake, setIntake] = useState(false);
  return (
    <div className="desk">
      <PageHeader
        testId="landing-operator"
        title={t('landing.operator.title')}
        actions={
          <button type="button" className="button button--primary" data-testid="manual-intake" onClick={() => setIntake(true)}>
            + {t('operator.intake.open')}
          </button>
        }
      />
      <PhoneBar />
      <OfferPanel />
      <PresenceStrip />
      {notice && (
        <div className="desk-notice" data-testid="desk-notice" data-kind={notice.kind}>
          <Alert kind={notice.kind}>{notice.text}</Alert>
          <button type="button" className="button button--ghost button--icon" onClick={() => setNotice(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      <div className="desk-grid">
        <QueuePanel />
        <WorkPane />
      </div>
      {intake && (
        <ManualIntakeDialog
          onClose={() => setIntake(false)}
          onCreated={(contact) => {
            setIntake(false);
            addMine(contact);
            setNotice({ kind: 'success', text: t('operator.intake.created', { ref: contact.ref }) });
          }}
        />
      )}
    </div>
  );
}
