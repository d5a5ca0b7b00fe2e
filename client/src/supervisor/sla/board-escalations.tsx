import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { formatDateTime } from '../../i18n/format.js';
import { useNow } from '../../operator/desk/use-now.js';
import { ESCALATION_STEP } from '../../referrals/clock-format.js';
import { PriorityBadge } from '../../referrals/referral-badges.js';
import { ageText } from '../../referrals/referral-format.js';
import { EscalationMoved } from './escalation-moved.js';
import { ResolveDialog } from './resolve-dialog.js';

/** Open escalations, the supervisor's decisions first (level 2), then the oldest. */
export function BoardEscalations({ escalations, onOpen }: { escalations: EscalationView[]; onOpen: (referralId: number) => void }) {
  const { t } = useTranslation();
  const now = useNow(5000);
  const [resolving, setResolving] = useState<EscalationView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = escalations.filter((e) => !e.resolvedAt).sort((a, b) => b.level - a.level || a.createdAt.localeCompare(b.createdAt));
  const decide = list.filter((e) => e.level === 2).length;

  return (
    <section className="panel sla-panel sla-escalations" aria-labelledby="board-escalations-title" data-testid="board-escalations">
      <header className="panel-header">
        <h3 id="board-escalations-title">
          {t('sla.board.escalations')} <span className={`count${decide > 0 ? ' count--urgent' : list.length > 0 ? ' count--on' : ''}`}>{list.length}</span>
        </h3>
      </header>
      <p className="muted small">{t('sla.board.escalationsIntro')}</p>
      <div aria-live="polite">
        <Alert kind="success">{notice}</Alert>
      </div>
      {list.length === 0 && <p className="empty-note">{t('sla.board.escalationsEmpty')}</p>}
      <ul className="escalation-list">
        {list.map((e) => {
          const kind = t(`sla.kind.${e.clockKind}`);
          return (
            <li key={e.id} className={`escalation escalation--${e.level}`} data-testid={`escalation-${e.id}`} data-level={e.level}>
              <div className="escalation-head">
                <span className={`escalation-level escalation-level--${e.level}`}>
                  <span aria-hidden="true">↑</span> {t('sla.board.level', { level: e.level })}: {t(`sla.board.levelText.${ESCALATION_STEP[e.level]}`)}
                </span>
                <PriorityBadge priority={e.priority} />
                <button type="button" className="link-button" onClick={() => onOpen(e.referralId)} aria-label={t('sla.board.open', { ref: e.contactRef })}>
                  <code>{e.contactRef}</code>
                </button>
              </div>
              <div>{t('sla.board.missedBy', { agency: e.agency?.name ?? t('sla.board.noAgency'), kind })}</div>
              <EscalationMoved escalation={e} onOpen={onOpen} />
              <div className="muted small">
                {e.escalatedTo && <>{t('sla.board.escalatedTo', { name: e.escalatedTo.name })} · </>}
                <time dateTime={e.createdAt} title={formatDateTime(e.createdAt)}>
                  {t('sla.board.since', { time: ageText(e.createdAt, now, t) })}
                </time>
              </div>
              <div>
                <button
                  type="button"
                  className={`button button--small${e.level === 2 ? ' button--primary' : ''}`}
                  onClick={() => setResolving(e)}
                  aria-label={t('sla.board.resolveAria', { ref: e.contactRef })}
                  data-testid={`resolve-escalation-${e.id}`}
                >
                  {t('sla.board.resolve')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {resolving && (
        <ResolveDialog
          escalation={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setNotice(t('sla.board.resolved', { ref: resolving.contactRef }));
            setResolving(null);
          }}
        />
      )}
    </section>
  );
}
