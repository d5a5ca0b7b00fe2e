import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationView } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { formatDateTime } from '../i18n/format.js';
import { useNow } from '../operator/desk/use-now.js';
import { PriorityBadge } from '../referrals/referral-badges.js';
import { ageText } from '../referrals/referral-format.js';
import { useAgencyEscalations } from '../supervisor/sla/board-api.js';
import { ResolveDialog } from '../supervisor/sla/resolve-dialog.js';

/**
 * For a parent agency (a provincial department): deadlines its offices missed. A case reference, the office and
 * the deadline only — the referral itself stays the office's. The officer records the follow-up given.
 */
export function EscalationsPanel() {
  const { t } = useTranslation();
  const list = useAgencyEscalations();
  const now = useNow(5000);
  const [resolving, setResolving] = useState<EscalationView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data ?? [];
  if (!items.length && !notice) return null;

  return (
    <section className="panel agency-escalations" aria-labelledby="agency-escalations-title" data-testid="agency-escalations">
      <header className="panel-header">
        <h2 id="agency-escalations-title">
          {t('sla.agency.title')} <span className="count count--urgent">{items.length}</span>
        </h2>
      </header>
      <p className="muted small">{t('sla.agency.intro')}</p>
      <div aria-live="polite">
        <Alert kind="success">{notice}</Alert>
      </div>
      <ul className="escalation-list">
        {items.map((e) => (
          <li key={e.id} className="escalation escalation--1" data-testid={`agency-escalation-${e.id}`}>
            <div className="escalation-head">
              <PriorityBadge priority={e.priority} />
              <code>{e.contactRef}</code>
            </div>
            <div>{t('sla.board.missedBy', { agency: e.agency?.name ?? t('sla.board.noAgency'), kind: t(`sla.kind.${e.clockKind}`) })}</div>
            <div className="muted small">
              <time dateTime={e.createdAt} title={formatDateTime(e.createdAt)}>
                {ageText(e.createdAt, now, t)}
              </time>
            </div>
            <button type="button" className="button button--small" onClick={() => setResolving(e)} data-testid={`agency-escalation-resolve-${e.id}`}>
              {t('sla.agency.followUp')}
            </button>
          </li>
        ))}
      </ul>
      {resolving && (
        <ResolveDialog
          scope="agency"
          escalation={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setNotice(t('sla.agency.done', { ref: resolving.contactRef }));
            setResolving(null);
          }}
        />
      )}
    </section>
  );
}
