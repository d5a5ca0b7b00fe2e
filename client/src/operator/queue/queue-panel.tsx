import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoiceConfig } from '../../phone/voice-api.js';
import { activeContactId } from '../desk/desk-store.js';
import { useDesk } from '../desk/desk-context.js';
import { useNow } from '../desk/use-now.js';
import { QueueItem } from './queue-item.js';
import './queue.css';

type Order = 'newest' | 'oldest';
const ORDER_KEY = 'hotline111.queueOrder';

function storedOrder(): Order {
  try {
    return localStorage.getItem(ORDER_KEY) === 'newest' ? 'newest' : 'oldest';
  } catch {
    return 'oldest';
  }
}

/** The live queue: every open call and message thread, with who handles it. */
export function QueuePanel() {
  const { t } = useTranslation();
  const { state, connected, claim, activate } = useDesk();
  const now = useNow(1000);
  const [order, setOrder] = useState<Order>(storedOrder);
  const [claiming, setClaiming] = useState<number | null>(null);
  const active = activeContactId(state);
  const maxAttempts = useVoiceConfig().data?.callbackMaxAttempts ?? 3;

  const chooseOrder = (o: Order) => {
    setOrder(o);
    try {
      localStorage.setItem(ORDER_KEY, o);
    } catch {
      // storage disabled: the choice lasts for this page
    }
  };
  const onClaim = useCallback(
    (id: number) => {
      setClaiming(id);
      void claim(id).finally(() => setClaiming(null));
    },
    [claim],
  );

  const contacts = Object.values(state.queue).sort((a, b) =>
    order === 'newest' ? b.receivedAt.localeCompare(a.receivedAt) : a.receivedAt.localeCompare(b.receivedAt),
  );
  const waiting = contacts.filter((c) => c.status === 'queued').length;

  return (
    <section className="panel desk-queue" aria-labelledby="queue-title">
      <header className="panel-header">
        <h2 id="queue-title">
          {t('operator.queue.title')} <span className="count">{waiting}</span>
        </h2>
        <div className="segmented" role="group" aria-label={t('operator.queue.order')}>
          {(['oldest', 'newest'] as const).map((o) => (
            <button key={o} type="button" aria-pressed={order === o} onClick={() => chooseOrder(o)} data-testid={`queue-order-${o}`}>
              {t(`operator.queue.${o}`)}
            </button>
          ))}
        </div>
      </header>
      {!connected && <p className="desk-note desk-note--warn">{t('operator.offlineClaim')}</p>}
      {!state.synced && connected && <p className="muted">{t('app.loading')}</p>}
      <ul className="queue-list" data-testid="queue" aria-live="polite" aria-relevant="additions" data-synced={state.synced}>
        {contacts.map((c) => (
          <QueueItem
            key={c.id}
            contact={c}
            me={state.me}
            now={now}
            active={c.id === active}
            connected={connected}
            claiming={claiming === c.id}
            maxAttempts={maxAttempts}
            onClaim={onClaim}
            onOpen={activate}
          />
        ))}
      </ul>
      {state.synced && contacts.length === 0 && <p className="empty-note">{t('operator.queue.empty')}</p>}
    </section>
  );
}
