import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '../../../../shared/index.js';
import { useLabels } from '../../i18n/use-labels.js';
import { useDesk } from '../desk/desk-context.js';
import { ChannelIcon } from '../queue/channel-icon.js';

/** "My contacts": one tab per contact held; arrow keys move between them. */
export function ContactTabs({ contacts, activeId }: { contacts: ContactSummary[]; activeId: number | null }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { activate } = useDesk();
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = contacts[(i + step + contacts.length) % contacts.length];
    if (!next) return;
    e.preventDefault();
    activate(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="contact-tabs" role="tablist" aria-label={t('operator.work.title')}>
      {contacts.map((c, i) => (
        <button
          key={c.id}
          id={`tab-${c.id}`}
          type="button"
          role="tab"
          aria-selected={c.id === activeId}
          aria-controls={`work-${c.id}`}
          tabIndex={c.id === activeId ? 0 : -1}
          className="contact-tab"
          data-testid={`my-contact-${c.id}`}
          onClick={() => activate(c.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          <ChannelIcon channel={c.channel} />
          <span>{c.ref}</span>
          <span className="muted">{label('channel', c.channel)}</span>
          {c.unreadMessages > 0 && <span className="badge badge--unread">{c.unreadMessages}</span>}
        </button>
      ))}
    </div>
  );
}
