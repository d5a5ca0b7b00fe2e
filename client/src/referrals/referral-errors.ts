import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { applyServerErrors } from '../api/form-errors.js';
import { HttpError } from '../api/http.js';
import { i18n } from '../i18n/index.js';
import { localizeMessage, translatedMessage } from '../i18n/messages.js';

/**
 * The banner text for a failed referral action: a 409 (the status moved on), 403 and 404 get a plain explanation
 * plus the server's own words when translated; a 400's field errors go next to the form's inputs (`shown`).
 */
export function actionErrorText<T extends FieldValues>(err: unknown, setError?: UseFormSetError<T>, shown: readonly string[] = []): string {
  if (err instanceof HttpError) {
    const key = err.status === 409 ? 'conflict' : err.status === 403 ? 'forbidden' : err.status === 404 ? 'notFound' : null;
    if (key) {
      // The server's own words only when they can be said in the console's language (never English under Vietnamese).
      const known = err.message ? translatedMessage(err.message) : null;
      const detail = known ? ` ${i18n.t('referral.errors.detail', { message: known })}` : '';
      return `${i18n.t(`referral.errors.${key}`)}${detail}`;
    }
    // Offline: nothing was done, and nothing will be done later without asking (actions never queue).
    if (err.status === 0) return i18n.t('referral.offline.held');
  }
  if (setError) return applyServerErrors(err, setError, shown);
  // A schema 400 ("invalid body: reason") says little without its fields; a domain 400 says it all in its message.
  if (err instanceof HttpError && err.message.startsWith('invalid ') && Object.keys(err.fields).length > 0)
    return Object.entries(err.fields).map(([k, v]) => `${k}: ${localizeMessage(v)}`).join(' ');
  return err instanceof Error ? localizeMessage(err.message) : String(err);
}
