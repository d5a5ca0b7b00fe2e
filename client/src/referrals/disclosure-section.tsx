import { useTranslation } from 'react-i18next';
import type { ReferralDetail } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';

/**
 * The consent gate (Art. 3.10): the narrative, the caller and the victims' particulars only with consent and,
 * for an agency, once it has accepted. Otherwise say plainly why they are not shown.
 */
export function DisclosureSection({ referral: r }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const { label, country, ethnicity } = useLabels();
  const d = r.disclosure;

  if (!d) {
    const reason = r.disclosureWithheld;
    return (
      <p className={`disclosure-withheld disclosure-withheld--${reason ?? 'other'}`} data-testid="disclosure-withheld" data-reason={reason ?? ''}>
        {reason ? t(`referral.disclosure.${reason}`) : t('referral.disclosure.withheld')}
      </p>
    );
  }

  const unknown = t('referral.disclosure.unknown');
  return (
    <section className="disclosure" data-testid="disclosure" aria-labelledby={`disclosure-${r.id}`}>
      <h3 id={`disclosure-${r.id}`}>{t('referral.disclosure.title')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('referral.disclosure.callerPhone')}</dt>
          <dd>{d.callerPhone ? <a href={`tel:${d.callerPhone}`}>{d.callerPhone}</a> : unknown}</dd>
        </div>
        {d.wishesNote && (
          <div>
            <dt>{t('referral.disclosure.wishesNote')}</dt>
            <dd>{d.wishesNote}</dd>
          </div>
        )}
      </dl>
      <h4>{t('referral.disclosure.narrative')}</h4>
      <p className="narrative">{d.narrative || unknown}</p>
      {d.victims.length > 0 && (
        <div className="table-scroll">
          <table className="compact-table">
            <caption className="visually-hidden">{t('referral.disclosure.victims')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('referral.disclosure.name')}</th>
                <th scope="col">{t('referral.disclosure.sex')}</th>
                <th scope="col">{t('referral.disclosure.age')}</th>
                <th scope="col">{t('referral.disclosure.ageBand')}</th>
                <th scope="col">{t('referral.disclosure.under18')}</th>
                <th scope="col">{t('referral.disclosure.ethnicity')}</th>
                <th scope="col">{t('referral.disclosure.nationality')}</th>
              </tr>
            </thead>
            <tbody>
              {d.victims.map((v, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td data-label={t('referral.disclosure.name')}>{v.name ?? unknown}</td>
                  <td data-label={t('referral.disclosure.sex')}>{label('victimSex', v.sex)}</td>
                  <td data-label={t('referral.disclosure.age')}>{v.age ?? unknown}</td>
                  <td data-label={t('referral.disclosure.ageBand')}>{v.ageBand ? label('ageBand', v.ageBand) : unknown}</td>
                  <td data-label={t('referral.disclosure.under18')}>{v.under18 === null ? unknown : v.under18 ? t('common.yes') : t('common.no')}</td>
                  <td data-label={t('referral.disclosure.ethnicity')}>{v.ethnicity ? ethnicity(v.ethnicity) : unknown}</td>
                  <td data-label={t('referral.disclosure.nationality')}>{v.nationality ? country(v.nationality) : unknown}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
