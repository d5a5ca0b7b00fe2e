import { useTranslation } from 'react-i18next';
import { auditActionLabel, type AuditEntryView, type Role } from '../../../shared/index.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';

const ROLES: readonly string[] = ['operator', 'supervisor', 'agency_officer', 'admin'];

/** Who wrote the entry: a person with their role, the system itself, or nobody known (a failed sign-in). */
export function useWho() {
  const { t } = useTranslation();
  return (e: AuditEntryView) => {
    if (e.actor) return { name: e.actor.displayName, role: e.actorRole && ROLES.includes(e.actorRole) ? t(`roles.${e.actorRole as Role}`) : null };
    return { name: e.actorRole === 'system' ? t('audit.system') : t('audit.unknownPerson'), role: null };
  };
}

/**
 * The entries, newest first, as the server pages them (no sorting or filtering here: the server's filters and
 * keyset order are the truth at millions of rows). A case reference narrows the view to that case.
 */
export function AuditTable({ entries, onCase }: { entries: AuditEntryView[]; onCase: (ref: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const who = useWho();
  return (
    <div className="data-table">
      <div className="table-scroll">
        <table id="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.columns.at')}</th>
              <th scope="col">{t('audit.columns.person')}</th>
              <th scope="col">{t('audit.columns.action')}</th>
              <th scope="col">{t('audit.columns.case')}</th>
              <th scope="col">{t('audit.columns.agency')}</th>
              <th scope="col">{t('audit.columns.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const w = who(e);
              return (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>
                    {w.name}
                    {w.role && <span className="muted small"> · {w.role}</span>}
                  </td>
                  <td>{auditActionLabel(e.action, lang)}</td>
                  <td className="nowrap">
                    {e.caseRef && (
                      <button type="button" className="link-button" onClick={() => onCase(e.caseRef!)}>
                        {e.caseRef}
                      </button>
                    )}
                    {e.referralId != null && <span className="muted small"> · {t('audit.referralN', { id: e.referralId })}</span>}
                  </td>
                  <td>{e.agency?.name}</td>
                  <td className="nowrap muted small">{e.ip}</td>
                </tr>
              );
            })}
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-row">
                  {t('audit.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
