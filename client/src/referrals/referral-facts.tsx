import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleNameText, targetText, type ReferralDetail } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { PlacePath } from './place-path.js';
import { victimsSummary } from './referral-format.js';

/** What every agency sees, consent or not: enough to act, nothing that identifies anyone. */
export function ReferralFacts({ referral: r, showAgency }: { referral: ReferralDetail; showAgency?: boolean }) {
  const { t } = useTranslation();
  const { lang, label, country, regime, why } = useLabels();
  const classification = label('classification', r.classification);
  const purposes = r.purposes.map((p) => label('purpose', p)).join(', ');

  return (
    <>
      {r.immediateDanger && (
        <p className="danger-strip" role="note">
          ⚠ {t('referral.detail.immediateDanger')}
        </p>
      )}
      <dl className="facts">
        <Fact term={t('referral.detail.classification')}>
          {classification}
          {purposes && <span className="muted"> · {purposes}</span>}
        </Fact>
        <Fact term={t('referral.detail.location')}>
          <PlacePath location={r.location} />
        </Fact>
        <Fact term={t('referral.detail.victims')}>{victimsSummary(r.victims, t)}</Fact>
        <Fact term={t('referral.detail.track')}>{t(`referral.track.${r.track}`)}</Fact>
        {showAgency && <Fact term={t('referral.detail.agency')}>{r.agency?.name ?? t('referral.detail.unassigned')}</Fact>}
        <Fact term={t('referral.detail.createdAt')}>{formatDateTime(r.createdAt)}</Fact>
        {r.acceptedAt && <Fact term={t('referral.detail.acceptedAt')}>{formatDateTime(r.acceptedAt)}</Fact>}
        {r.firstActionAt && <Fact term={t('referral.detail.firstActionAt')}>{formatDateTime(r.firstActionAt)}</Fact>}
        {r.closedAt && <Fact term={t('referral.detail.closedAt')}>{formatDateTime(r.closedAt)}</Fact>}
        <Fact term={t('referral.detail.wishes')}>{r.wishes ? label('wish', r.wishes) : t('common.none')}</Fact>
        <Fact term={t('referral.detail.consent')}>
          <span className={r.consent === 'none' ? 'consent consent--none' : 'consent'}>{label('consent', r.consent)}</span>
        </Fact>
      </dl>

      {r.declineReason && (
        <p className="reason-note">
          <strong>{t('referral.detail.declineReason')}:</strong> {r.declineReason}
        </p>
      )}
      {r.outcome && (
        <p className="reason-note" data-testid="referral-outcome" data-outcome={r.outcome}>
          <strong>{t('referral.detail.outcome')}:</strong> {t(`referral.outcome.${r.outcome}`)}
          {r.outcomeReason && (
            <>
              {' · '}
              {t('referral.detail.outcomeReason')}: {r.outcomeReason}
            </>
          )}
        </p>
      )}

      <section className="why-agency" data-testid="why-agency" aria-labelledby={`why-${r.id}`}>
        <h3 id={`why-${r.id}`}>{r.agency ? t('referral.detail.why') : t('referral.detail.whyWaiting')}</h3>
        <p data-reason={r.why.reason}>{why(r.why)}</p>
        {(r.why.rule || r.why.target) && (
          <p className="muted small">
            {r.why.rule && (
              <>
                {t('referral.detail.rule')}: {ruleNameText(r.why.rule, lang)}
              </>
            )}
            {r.why.rule && r.why.target && ' · '}
            {r.why.target && (
              <>
                {t('referral.detail.target')}: {targetText(r.why.target, lang)}
              </>
            )}
          </p>
        )}
      </section>

      <section aria-labelledby={`needs-${r.id}`}>
        <h3 id={`needs-${r.id}`}>{t('referral.detail.needs')}</h3>
        {r.needs.length === 0 ? (
          <p className="muted">{t('referral.detail.noNeeds')}</p>
        ) : (
          <ul className="needs-list" data-testid="referral-needs">
            {r.needs.map((n) => (
              <li key={n}>{regime(n)}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
