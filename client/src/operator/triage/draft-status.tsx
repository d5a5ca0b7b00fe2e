import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format.js';
import { localizeMessage } from '../../i18n/messages.js';
import type { SaveState } from './use-autosave.js';

/** "Saved at…", "Saving…", "Not saved (offline)": the operator always knows whether the work is safe. */
export function DraftStatus({ state, savedAt, error }: { state: SaveState; savedAt: string | null; error: string }) {
  const { t } = useTranslation();
  const text = (() => {
    switch (state) {
      case 'idle':
        return t('operator.draft.idle');
      case 'restored':
        return t('operator.draft.restored');
      case 'pending':
      case 'saving':
        return t('operator.draft.saving');
      case 'saved':
        return savedAt ? t('operator.draft.savedAt', { time: formatTime(savedAt) }) : t('operator.draft.saved');
      case 'offline':
        return t('operator.draft.offline');
      case 'reloaded':
        return t('operator.draft.reloaded');
      case 'error':
        return t('operator.draft.error', { message: localizeMessage(error) });
    }
  })();
  const tone = state === 'offline' || state === 'error' ? 'bad' : state === 'saved' || state === 'restored' ? 'ok' : 'wait';
  return (
    <span className={`draft-status draft-status--${tone}`} data-testid="draft-status" data-state={state} role="status">
      {text}
    </span>
  );
}
