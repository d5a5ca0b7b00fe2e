import { useTranslation } from 'react-i18next';
import type { CallStatus } from '../../../../shared/index.js';

const TONE: Record<CallStatus, string> = {
  queued: 'wait',
  ringing: 'warn',
  'in-progress': 'ok',
  completed: 'off',
  busy: 'bad',
  'no-answer': 'bad',
  failed: 'bad',
  canceled: 'bad',
};

export function CallStatusPill({ status }: { status: CallStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`pill pill--${TONE[status]}`} data-call-status={status}>
      {t(`operator.callStatus.${status}`)}
    </span>
  );
}
