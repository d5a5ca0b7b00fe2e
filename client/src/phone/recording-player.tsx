import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Plays a call's recording through the server (GET /api/contacts/:id/recording: authenticated, audited, streamed
 * from Twilio): Twilio's own URL never reaches the browser. Nothing is fetched until the operator presses play.
 */
export function RecordingPlayer({ contactId, contactRef }: { contactId: number; contactRef: string }) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  if (missing) return <span className="muted small" data-testid="recording-none">{t('phone.recording.none')}</span>;
  return (
    <audio
      className="recording-player"
      controls
      preload="none"
      src={`/api/contacts/${contactId}/recording`}
      aria-label={t('phone.recording.aria', { ref: contactRef })}
      data-testid="recording-player"
      onError={() => setMissing(true)}
    />
  );
}
