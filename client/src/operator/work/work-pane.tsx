import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { REPLYABLE_CHANNELS } from '../../../../shared/index.js';
import { CallbackPanel } from '../../phone/callback-panel.js';
import { activeContactId, myContacts } from '../desk/desk-store.js';
import { useDesk } from '../desk/desk-context.js';
import { TriageForm } from '../triage/triage-form.js';
import { ContactHeader } from './contact-header.js';
import { ContactTabs } from './contact-tabs.js';
import { Conversation } from './conversation.js';
import { EarlierContacts } from './earlier-contacts.js';
import './work.css';

/** The contacts this operator holds: tabs, and the chosen one's record, conversation and triage. */
export function WorkPane() {
  const { t } = useTranslation();
  const { state, open, connected } = useDesk();
  const mine = myContacts(state);
  const activeId = activeContactId(state);
  const detail = activeId !== null ? state.details[activeId] : undefined;

  // A contact held from before a reload (or claimed elsewhere by me) is loaded with its draft when shown.
  useEffect(() => {
    if (activeId !== null && !detail && connected) void open(activeId);
  }, [activeId, detail, connected, open]);

  return (
    <section className="panel desk-work" data-testid="work-pane" aria-labelledby="work-title">
      <header className="panel-header">
        <h2 id="work-title">
          {t('operator.work.title')} <span className="count">{mine.length}</span>
        </h2>
      </header>
      {mine.length > 0 && <ContactTabs contacts={mine} activeId={activeId} />}
      {mine.length === 0 && <p className="empty-note">{t('operator.work.empty')}</p>}
      {activeId !== null && !detail && <p className="muted">{connected ? t('app.loading') : t('operator.work.offlineLoad')}</p>}
      {detail && (
        <div className="work-body" role="tabpanel" id={`work-${detail.id}`} aria-labelledby={`tab-${detail.id}`} data-contact-id={detail.id}>
          <ContactHeader contact={detail} />
          {detail.callback && <CallbackPanel contact={detail} />}
          <EarlierContacts contacts={detail.earlierContacts} />
          {((REPLYABLE_CHANNELS as readonly string[]).includes(detail.channel) || detail.messages.length > 0) && <Conversation contact={detail} />}
          <TriageForm key={detail.id} contact={detail} />
        </div>
      )}
    </section>
  );
}
