import { useState } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ContactDetail, WrapUpBody } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { localizeMessage } from '../../i18n/messages.js';
import { describeError, useDesk } from '../desk/desk-context.js';
import { AckError } from '../desk/socket-calls.js';
import { CaseAttachFieldset } from './case-attach-fieldset.js';
import { ClassificationFieldset } from './classification-fieldset.js';
import { ConsentNarrativeFieldset } from './consent-fieldset.js';
import { DangerAndCallType } from './danger-call-type.js';
import { DraftStatus } from './draft-status.js';
import { IndicatorsFieldset } from './indicators-fieldset.js';
import { HomeLocationFieldset } from './home-location-fieldset.js';
import { LocationFieldset } from './location-fieldset.js';
import { SuggestionPanel } from './suggestion-panel.js';
import { triageResolver } from './triage-resolver.js';
import { fromDraft, type TriageValues } from './triage-values.js';
import { useAutosave } from './use-autosave.js';
import { VictimsFieldset } from './victims-fieldset.js';
import { WishesNeedsFieldset } from './wishes-needs-fieldset.js';
import './triage.css';
import './triage-parts.css';

const SHOWN = ['callType', 'classification', 'purposes', 'indicators', 'victims', 'location', 'homeLocation', 'immediateDanger', 'wishes', 'wishesNote', 'needs', 'consent', 'narrative'];

/** Screening, classification and wrap-up of one contact; every change is kept as a server-side draft. */
export function TriageForm({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [banner, setBanner] = useState('');
  const [releasing, setReleasing] = useState(false);
  const form = useForm<TriageValues, unknown, WrapUpBody>({ resolver: triageResolver, defaultValues: fromDraft(contact) });
  const autosave = useAutosave({ contact, form, calls: desk.calls, connected: desk.connected, onReloaded: desk.addMine });

  const submit = form.handleSubmit(
    async (wrapUp) => {
      setBanner('');
      autosave.pause();
      try {
        desk.completed(await desk.calls.wrapUp(contact.id, wrapUp));
      } catch (err) {
        autosave.resume();
        const fields = err instanceof AckError ? Object.entries(err.fields) : [];
        if (fields.length === 0) return setBanner(describeError(err, t));
        const hidden: string[] = [];
        for (const [raw, message] of fields) {
          const path = raw.replace(/^wrapUp\./, ''); // the socket payload nests the body under wrapUp
          if (SHOWN.some((p) => path === p || path.startsWith(`${p}.`))) form.setError(path as Path<TriageValues>, { type: 'server', message });
          else hidden.push(`${path}: ${localizeMessage(message)}`);
        }
        setBanner([t('common.formHasErrors'), ...hidden].join(' '));
      }
    },
    () => setBanner(t('common.formHasErrors')),
  );

  const release = async () => {
    setReleasing(true);
    await autosave.flush();
    autosave.pause();
    if (await desk.release(contact.id)) return; // the form goes away with the contact
    autosave.resume();
    setReleasing(false);
  };

  return (
    <FormProvider {...form}>
      <form className="triage-form" data-testid="triage-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('operator.triage.title')}>
        <div className="triage-layout">
          <div className="triage-main">
            <DangerAndCallType />
            <IndicatorsFieldset />
            <ClassificationFieldset />
            <VictimsFieldset />
            <LocationFieldset />
            <HomeLocationFieldset />
            <WishesNeedsFieldset />
            <ConsentNarrativeFieldset />
            <CaseAttachFieldset contact={contact} onChanged={desk.addMine} />
          </div>
          <aside className="triage-aside">
            <SuggestionPanel />
          </aside>
        </div>
        <div className="triage-actions">
          <DraftStatus state={autosave.state} savedAt={autosave.savedAt} error={autosave.error} />
          <Alert>{banner}</Alert>
          {contact.case?.status === 'open' && (
            <span className="desk-note" data-testid="no-new-referral">{t('cases.attach.noNewReferral', { ref: contact.case.ref })}</span>
          )}
          {contact.case?.status === 'closed' && (
            <span className="desk-note desk-note--warn" data-testid="routed-again">{t('cases.attach.closedRoutedAgain', { ref: contact.case.ref })}</span>
          )}
          {!desk.connected && <span className="desk-note desk-note--warn">{t('operator.offlineSubmit')}</span>}
          <span className="spacer" />
          <button type="button" className="button" data-testid="release" onClick={() => void release()} disabled={!desk.connected || releasing}>
            {t('operator.work.release')}
          </button>
          <button type="submit" className="button button--primary" data-testid="submit-wrap-up" disabled={!desk.connected || form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t('common.saving') : t('operator.work.submit')}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
