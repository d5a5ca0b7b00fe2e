import { useTranslation } from 'react-i18next';
import { useLabels } from '../i18n/use-labels.js';
import { StatusBadge } from '../phone/status-badge.js';
import { useDesk } from './desk/desk-context.js';

/** Who is online now, their status on the line (with the time in it) and what each one handles. */
export function PresenceStrip() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { state } = useDesk();
  const people = [...state.presence].sort((a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName));
  return (
    <section className="presence" data-testid="presence" aria-label={t('operator.presence.title')}>
      <h2 className="presence-title">
        {t('operator.presence.title')} <span className="count">{people.length}</span>
      </h2>
      <ul className="presence-list">
        {people.map((p) => (
          <li key={p.userId} className={`presence-person${p.userId === state.me ? ' presence-person--me' : ''}`} data-testid={`presence-${p.userId}`}>
            <span className="presence-name">{p.displayName}</span>
            <span className="presence-role">{t(`roles.${p.role}`)}</span>
            <StatusBadge status={p.status} since={p.since} testId={`presence-status-${p.userId}`} />
            <span className="presence-load">
              {p.handling.length > 0 && `· ${p.handling.map((h) => `${h.ref} (${label('channel', h.channel)})`).join(', ')}`}
            </span>
          </li>
        ))}
        {people.length === 0 && <li className="muted">{t('operator.presence.nobody')}</li>}
      </ul>
    </section>
  );
}
