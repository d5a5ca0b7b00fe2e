import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactDetail } from '../../../../shared/index.js';
import { HttpError } from '../../api/http.js';
import { FieldError } from '../../components/field.js';
import { attachCase, detachCase, parseCaseRef } from '../../cases/cases-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';

/**
 * "Attach to an existing case" (issue 17): a follow-up joins its case, picked from this number's earlier contacts or
 * typed as a reference. Attached, the wrap-up makes no new referral: the case's open referrals get the news; a closed
 * case has none open, so the contact is routed again (the operator is told so) and reopens it.
 */
export function CaseAttachFieldset({ contact, onChanged }: { contact: ContactDetail; onChanged: (c: ContactDetail) => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [picked, setPicked] = useState('');
  const [ref, setRef] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<ContactDetail>) => {
    setError('');
    setBusy(true);
    try {
      onChanged(await action());
      setPicked('');
      setRef('');
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 0;
      setError(status === 403 ? t('cases.attach.errors.forbidden') : status === 409 ? t('cases.attach.errors.conflict') : t('cases.attach.errors.invalid'));
    } finally {
      setBusy(false);
    }
  };
  const attach = () => {
    const id = picked ? Number(picked) : parseCaseRef(ref);
    if (id == null) return setError(t('cases.attach.badRef'));
    void run(() => attachCase(contact.id, id));
  };

  const c = contact.case;
  return (
    <fieldset className="fieldset triage-section" data-testid="case-attach">
      <legend>{t('cases.attach.legend')}</legend>
      {c ? (
        <>
          <p data-testid="case-attached">
            <strong>{t('cases.attach.attached', { ref: c.ref, status: t(`cases.status.${c.status}`) })}</strong>{' '}
            <Link to={`/cases/${c.id}`} target="_blank" rel="noreferrer">{t('cases.attach.open')}</Link>
          </p>
          {/* Nobody would read news on a closed case: the wrap-up routes this contact again (server: storeWrapUp). */}
          {c.status === 'closed' && (
            <p className="alert alert--info" role="status" data-testid="case-closed-routed-again">
              {t('cases.attach.closedRoutedAgain', { ref: c.ref })}
            </p>
          )}
          <button type="button" className="button button--ghost" data-testid="case-detach" disabled={busy} onClick={() => void run(() => detachCase(contact.id))}>
            {t('cases.attach.detach')}
          </button>
        </>
      ) : (
        <>
          <p className="field-hint">{t('cases.attach.hint')}</p>
          {contact.earlierContacts.length > 0 && (
            <div className="field">
              <label htmlFor="case-pick">{t('cases.attach.pick')}</label>
              <select id="case-pick" data-testid="case-pick" value={picked} onChange={(e) => setPicked(e.target.value)}>
                <option value="">{t('cases.attach.pickNone')}</option>
                {contact.earlierContacts.filter((e) => e.classification).map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.ref} · {formatDateTime(e.receivedAt)} · {label('classification', e.classification!)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="case-ref">{t('cases.attach.byRef')}</label>
            <input id="case-ref" data-testid="case-ref" value={ref} placeholder={t('cases.attach.refPlaceholder')} disabled={picked !== ''} onChange={(e) => setRef(e.target.value)} />
          </div>
          <button type="button" className="button" data-testid="case-attach-submit" disabled={busy || (!picked && !ref.trim())} onClick={attach}>
            {t('cases.attach.submit')}
          </button>
        </>
      )}
      <FieldError message={error || undefined} />
    </fieldset>
  );
}
