import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { i18n } from '../i18n/index.js';
import { localizeMessage } from '../i18n/messages.js';
import { HttpError } from './http.js';

/**
 * Puts a 400's `fields` next to the form's inputs and returns the text for the form's banner.
 * Paths the form does not display (`shown` lists the prefixes it does) are spelled out in the banner.
 */
export function applyServerErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, shown: readonly string[]): string {
  if (!(err instanceof HttpError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 0) return i18n.t('auth.networkError');
  const entries = Object.entries(err.fields);
  if (entries.length === 0) return localizeMessage(err.message);
  const hidden: string[] = [];
  for (const [path, message] of entries) {
    if (shown.some((p) => path === p || path.startsWith(`${p}.`))) setError(path as Path<T>, { type: 'server', message: localizeMessage(message) });
    else hidden.push(`${path}: ${localizeMessage(message)}`);
  }
  return [i18n.t('common.formHasErrors'), ...hidden].join(' ');
}

/** Every message under `path` in react-hook-form's error tree (arrays and nested objects included). */
export function messagesUnder(errors: FieldErrors, path: string): string[] {
  let node: unknown = errors;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const msg = (n as { message?: unknown }).message;
    if (typeof msg === 'string' && msg) out.push(msg);
    for (const [k, v] of Object.entries(n)) if (k !== 'ref' && k !== 'message' && k !== 'type' && k !== 'types') walk(v);
  };
  walk(node);
  return [...new Set(out)];
}

export function firstMessage(errors: FieldErrors, path: string): string | undefined {
  return messagesUnder(errors, path)[0];
}

/** The message set on `path` itself (e.g. a refine on an object or array), not on its children. */
export function ownMessage(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  const msg = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
  return typeof msg === 'string' && msg ? msg : undefined;
}
