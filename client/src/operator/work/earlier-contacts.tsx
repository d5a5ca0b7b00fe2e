import { useTranslation } from 'react-i18next';
import type { RepeatContact } from '../../../../shared/index.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLabels } from '../../i18n/use-labels.js';

/** Earlier contacts from the same number: a repeat caller is often a case still open, or a child at risk again. */
export function EarlierContacts({ contacts }: { contacts: RepeatContact[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  if (contacts.length === 0) return null;
  return (
    <details className="earlier" data-testid="earlier-contacts" open={contacts.length <= 3}>
      <summary>{t('operator.work.earlier', { count: contacts.length })}</summary>
      <div className="table-scroll">
        <table className="table-compact">
          <thead>
            <tr>
              <th scope="col">{t('operator.work.earlierDate')}</th>
              <th scope="col">{t('operator.work.earlierChannel')}</th>
              <th scope="col">{t('operator.triage.callType')}</th>
              <th scope="col">{t('operator.triage.classification')}</th>
              <th scope="col">{t('operator.work.earlierOperator')}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time> <span className="muted">{c.ref}</span>
                </td>
                <td>{label('channel', c.channel)}</td>
                <td>{c.callType ? label('callType', c.callType) : t('common.none')}</td>
                <td>{c.classification ? label('classification', c.classification) : t('common.none')}</td>
                <td>{c.operator ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
