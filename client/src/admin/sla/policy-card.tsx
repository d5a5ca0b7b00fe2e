import { useTranslation } from 'react-i18next';
import { SLA_METRICS, type Priority, type SlaPolicyView } from '../../../../shared/index.js';
import { formatDateTime } from '../../i18n/format.js';
import { PriorityBadge } from '../../referrals/referral-badges.js';
import { calendarText, targetText } from './policy-text.js';

interface Props {
  priority: Priority;
  policy: SlaPolicyView | undefined;
  onEdit: (priority: Priority) => void;
}

/** One priority's policy at a glance: the three deadlines, the calendar they count on, the warning thresholds. */
export function PolicyCard({ priority, policy: p, onEdit }: Props) {
  const { t } = useTranslation();
  const name = t(`referral.priority.${priority}`);
  return (
    <li className={`policy-card policy-card--${priority}`} data-testid={`policy-${priority}`}>
      <div className="policy-card-head">
        <PriorityBadge priority={priority} />
        <button
          type="button"
          className="button button--small"
          onClick={() => onEdit(priority)}
          aria-label={t('sla.policies.editAria', { priority: name })}
          data-testid={`edit-policy-${priority}`}
        >
          {t('sla.policies.edit')}
        </button>
      </div>
      {!p ? (
        <p className="muted">{t('sla.policies.notSet')}</p>
      ) : (
        <>
          <dl className="policy-targets">
            {SLA_METRICS.map((m) => (
              <div key={m} data-testid={`policy-${priority}-${m}`}>
                <dt>{t(`sla.kind.${m}`)}</dt>
                <dd>{targetText(p.targets[m], t)}</dd>
              </div>
            ))}
          </dl>
          <p className="small">
            <strong>{t('sla.policies.calendar')}:</strong> {calendarText(p.calendar, t)}
          </p>
          <p className="small">{t('sla.policies.warnSummary', { warn: p.warnPercent, after: p.supervisorAfterPercent })}</p>
          <p className="muted small">
            {t('sla.policies.updated', { time: formatDateTime(p.updatedAt), by: p.updatedBy ? t('sla.policies.by', { name: p.updatedBy }) : '' })}
          </p>
        </>
      )}
    </li>
  );
}
