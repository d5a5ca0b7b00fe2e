import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { useCase } from './search-api.js';
import { CaseHistorySection } from '../cases/case-history-section.js';
import './search.css';

/**
 * /cases/:id, a case found by search: what was recorded, as the server's disclosure decision allows (a supervisor, the
 * operator handling it, or one a supervisor granted; otherwise the server refuses and says why). Every view is audited.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const c = useCase(id);
  const back = (
    <button type="button" className="button button--ghost" onClick={() => void navigate(-1)}>
      {t('search.case.back')}
    </button>
  );
  if (c.isPending) return <p className="muted">{t('app.loading')}</p>;
  // The record may be withheld (an operator not handling it): the case's history is still listed, as the server allows.
  if (c.isError)
    return (
      <div className="case-page case-page--withheld">
        {back}
        <Alert>{t('common.loadError', { message: c.error.message })}</Alert>
        <CaseHistorySection id={id} />
      </div>
    );
  const d = c.data;
  const w = d.wrapUp;
  return (
    <div className="case-page">
      <PageHeader testId="case-title" title={t('search.case.title', { ref: d.ref })} actions={back} />
      <div className="case-side">
        <section className="case-card">
          <dl className="case-facts">
            <dt>{t('search.case.received')}</dt>
            <dd>{formatDateTime(d.receivedAt)}</dd>
            <dt>{t('search.case.channel')}</dt>
            <dd>{label('channel', d.channel)}</dd>
            <dt>{t('search.case.callType')}</dt>
            <dd>{d.callType ? label('callType', d.callType) : t('common.none')}</dd>
            <dt>{t('search.case.classification')}</dt>
            <dd>{d.classification ? label('classification', d.classification) : t('common.none')}</dd>
            <dt>{t('search.case.status')}</dt>
            <dd>{label('contactStatus', d.status)}</dd>
            <dt>{t('search.case.callerPhone')}</dt>
            <dd>{d.callerPhone ?? t('common.none')}</dd>
            <dt>{t('search.case.victims')}</dt>
            <dd data-testid="case-victims">
              {w && w.victims.length > 0
                ? w.victims.map((v) => [v.name ?? t('search.noName'), label('victimSex', v.sex), v.age ?? null].filter((x) => x !== null).join(', ')).join(' · ')
                : t('common.none')}
            </dd>
          </dl>
        </section>
        {w?.narrative && (
          <section className="case-card">
            <h2>{t('search.case.narrative')}</h2>
            <p className="pre-wrap">{w.narrative}</p>
          </section>
        )}
        {d.earlierContacts.length > 0 && (
          <section className="case-card">
            <h2>{t('search.case.earlier')}</h2>
            <ul>
              {d.earlierContacts.map((e) => (
                <li key={e.id}>{e.ref} · {formatDateTime(e.receivedAt)} · {e.classification ? label('classification', e.classification) : t('common.none')}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <CaseHistorySection id={id} />
    </div>
  );
}
