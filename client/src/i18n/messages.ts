import type { z } from 'zod';
import { i18n, currentLanguage } from './index.js';
import { viMessagePatterns, viMessages, viReferralMessagePatterns } from './vi-messages.js';
import { viSlaMessagePatterns, viSlaSchemaMessages } from './vi-sla.js';
import { viStatsMessagePatterns, viStatsSchemaMessages } from './vi-stats.js';

/**
 * Shows a schema or server message in the current language. Under Vietnamese, an English message we have no
 * translation for is never shown as it is: a general Vietnamese sentence stands in for it (the English goes to the
 * browser console for whoever debugs). A message already in Vietnamese (not plain ASCII) passes through.
 */
export function localizeMessage(message: string): string {
  if (currentLanguage() !== 'vi') return message;
  const bare = message.replace(/\.$/, '');
  const known = viMessages[message] ?? viMessages[bare] ?? viSlaSchemaMessages[bare] ?? viStatsSchemaMessages[bare];
  if (known) return known;
  for (const [re, vi] of viMessagePatterns) if (re.test(message)) return message.replace(re, vi);
  for (const [re, vi] of viSlaMessagePatterns) if (re.test(message)) return message.replace(re, vi);
  for (const [re, vi] of viStatsMessagePatterns) if (re.test(message)) return message.replace(re, vi);
  for (const [re, vi] of viReferralMessagePatterns) if (re.test(message)) return message.replace(re, vi);
  return untranslated(message);
}

/** The translation of a message, or null under Vietnamese when there is none (so a caller can leave it out). */
export function translatedMessage(message: string): string | null {
  const m = localizeMessage(message);
  return currentLanguage() === 'vi' && m === i18n.t('common.untranslated') ? null : m;
}

function untranslated(message: string): string {
  if (/[^\x00-\x7F]/.test(message)) return message;
  console.warn(`no Vietnamese for the server message: ${message}`);
  return i18n.t('common.untranslated');
}

type Issue = z.core.$ZodRawIssue;

/**
 * zod's own messages ("Too small: expected string to have >=1 characters") for schema rules that carry none,
 * in the console's language. Messages written in the shared schemas take precedence over this map.
 */
export function zodErrorMap(issue: Issue): string | undefined {
  const t = i18n.t;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return t('validation.required');
      if (issue.expected === 'int') return t('validation.integer');
      if (issue.expected === 'number') return t('validation.number');
      return t('validation.invalid');
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.minLength', { min: Number(issue.minimum) });
      if (issue.origin === 'array') return t('validation.required');
      return t('validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.tooMany', { max: Number(issue.maximum) });
      return t('validation.max', { max: Number(issue.maximum) });
    case 'invalid_value':
    case 'invalid_union':
      return t('validation.choice');
    case 'invalid_format':
      return t('validation.format');
    default:
      return undefined;
  }
}
