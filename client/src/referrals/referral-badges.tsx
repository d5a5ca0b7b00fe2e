import { useTranslation } from 'react-i18next';
import type { Priority, ReferralStatus } from '../../../shared/index.js';

/** Urgent is red and loud; trafficking dark red; suspected amber; other child protection blue. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className={`prio prio--${priority}`} data-priority={priority}>
      {priority === 'urgent' && <span aria-hidden="true">⚠ </span>}
      {t(`referral.priority.${priority}`)}
    </span>
  );
}

const TONE: Record<ReferralStatus, string> = {
  pending: 'warn',
  accepted: 'ok',
  in_progress: 'ok',
  declined: 'off',
  expired: 'bad',
  closed: 'off',
  needs_supervisor: 'bad',
  cancelled: 'off',
};

export function StatusPill({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`pill pill--${TONE[status]}`} data-referral-status={status}>
      {t(`referral.status.${status}`)}
    </span>
  );
}
