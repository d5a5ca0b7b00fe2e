import { useTranslation } from 'react-i18next';

const KNOWN = ['queued', 'sending', 'sent', 'delivered', 'read', 'received', 'outbox', 'failed', 'undelivered'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (s: string): s is Known => (KNOWN as readonly string[]).includes(s);
const TONE: Record<Known, string> = {
  queued: 'wait', sending: 'wait', sent: 'ok', delivered: 'ok', read: 'ok', received: 'ok', outbox: 'warn', failed: 'bad', undelivered: 'bad',
};

/** Delivery state of an outgoing message; "outbox" means held locally because Twilio is not configured. */
export function MessageStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isKnown(status)) return <span className="pill pill--off">{status}</span>;
  return (
    <span className={`pill pill--${TONE[status]}`} title={status === 'outbox' ? t('operator.messageStatus.outboxHint') : undefined}>
      {t(`operator.messageStatus.${status}`)}
    </span>
  );
}
