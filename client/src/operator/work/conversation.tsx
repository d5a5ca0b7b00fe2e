import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { replyBody, type ContactDetail } from '../../../../shared/index.js';
import { FieldError } from '../../components/field.js';
import { formatTime } from '../../i18n/format.js';
import { describeError, useDesk } from '../desk/desk-context.js';
import { MessageStatus } from './message-status.js';

/** An SMS or WhatsApp thread: the messages (live) and a reply box. */
export function Conversation({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const count = contact.messages.length;

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  const send = async () => {
    const parsed = replyBody.safeParse({ body: text });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '');
    setError('');
    setSending(true);
    try {
      desk.addMessage(contact.id, await desk.calls.sendMessage(contact.id, parsed.data.body));
      setText('');
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSending(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className="conversation" aria-labelledby={`conv-${contact.id}`} data-testid="conversation">
      <h3 id={`conv-${contact.id}`}>{t('operator.conversation.title')}</h3>
      <ol className="messages" ref={listRef} aria-live="polite">
        {contact.messages.map((m) => (
          <li key={m.id} className={`message message--${m.direction}`} data-testid={`message-${m.id}`} data-status={m.status}>
            <p className="message-body">{m.body}</p>
            <p className="message-meta">
              <time dateTime={m.at}>{formatTime(m.at, false)}</time>
              {m.sentBy && <span>{m.sentBy}</span>}
              {m.direction === 'out' && <MessageStatus status={m.status} />}
            </p>
          </li>
        ))}
        {count === 0 && <li className="muted">{t('operator.conversation.empty')}</li>}
      </ol>
      <div className="reply">
        <label htmlFor={`reply-${contact.id}`} className="visually-hidden">
          {t('operator.conversation.reply')}
        </label>
        <textarea
          id={`reply-${contact.id}`}
          rows={2}
          maxLength={1600}
          placeholder={t('operator.conversation.placeholder')}
          data-testid="reply-box"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        <button
          type="button"
          className="button button--primary"
          data-testid="reply-send"
          onClick={() => void send()}
          disabled={!desk.connected || sending || text.trim() === ''}
        >
          {sending ? t('operator.conversation.sending') : t('operator.conversation.send')}
        </button>
      </div>
      <FieldError message={error} />
      <p className="field-hint">{desk.connected ? t('operator.conversation.hint') : t('operator.offlineSubmit')}</p>
    </section>
  );
}
