import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { ReferralTimeline } from '../referrals/referral-timeline.js';
import { useCaseHistory } from './cases-api.js';

/**
 * A case from first call to closure (issue 17): its status, its contacts in order (the first call, then the
 * follow-ups attached to it), and the referrals this user may see with their events. GET /api/cases/:id, audited.
 */
export function CaseHistorySection({ id }: { id: number }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const h = useCaseHistory(id);
  if (h.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (h.isError) return <Alert>{t('common.loadError', { message: h.error.message })}</Alert>;
  const c = h.data;
  return (
    <section className="case-history" data-testid="case-history" aria-labelledby="case-history-title">
      <h2 id="case-history-title">{t('cases.history.title')}</h2>
      <p data-testid="case-status">
        {t('cases.history.status')}: <strong>{t(`cases.status.${c.status}`)}</strong>
        {c.closedAt && <> · {t('cases.history.closedAt', { time: formatDateTime(c.closedAt) })}</>}
      </p>
      <h3>{t('cases.history.contacts')}</h3>
      <ol data-testid="case-contacts">
        {c.contacts.map((x) => (
          <li key={x.id}>
            <strong>{x.ref}</strong> · {x.first ? t('cases.history.first') : t('cases.history.followUp')}
            {x.reopened && <em data-testid="case-reopened"> · {t('cases.history.reopened')}</em>} · {formatDateTime(x.receivedAt)} ·{' '}
            {label('channel', x.channel)} · {x.classification ? label('classification', x.classification) : label('contactStatus', x.status)}
            {x.operator && <> · {x.operator}</>}
          </li>
        ))}
      </ol>
      <h3>{t('cases.history.referrals')}</h3>
      {c.referrals.length === 0 && <p className="muted">{t('cases.history.noReferrals')}</p>}
      {c.referrals.map((r) => (
        <div key={r.id} className="case-referral" data-testid="case-referral">
          <h4>
            {t(`referral.track.${r.track}`)} · {r.agency?.name ?? t('cases.history.supervisorQueue')} · {label('referralStatus', r.status)}
          </h4>
          <ReferralTimeline events={r.events} />
        </div>
      ))}
    </section>
  );
}
