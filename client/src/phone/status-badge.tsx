import { useTranslation } from 'react-i18next';
import type { OperatorStatus } from '../../../shared/index.js';
import { formatDuration } from '../i18n/format.js';
import { useSecond } from '../referrals/clock-tick.js';

/** A person's status on the line with the time in it, ticking: the presence strip, the board, the phone bar. */
export function StatusBadge({ status, since, testId }: { status: OperatorStatus; since: string | null; testId?: string }) {
  const { t } = useTranslation();
  const now = useSecond();
  const label = t(`phone.status.${status}`);
  const time = since ? formatDuration((now - Date.parse(since)) / 1000) : null;
  return (
    <span className={`status-badge status-badge--${status}`} data-testid={testId} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {time ? t('phone.status.inStatus', { status: label, time }) : label}
    </span>
  );
}

/** "Tập huấn": a simulated call of the training line, wherever it appears. */
export function TrainingLabel() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--training" data-testid="training-label">
      {t('phone.training.label')}
    </span>
  );
}
