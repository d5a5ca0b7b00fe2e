import { useTranslation } from 'react-i18next';
import { useRealtime } from './socket-context.js';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status } = useRealtime();
  return (
    <span className={`conn conn--${status}`} role="status" aria-label={t('connection.label')} data-testid="connection-status" data-status={status}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-text">{t(`connection.${status}`)}</span>
    </span>
  );
}
