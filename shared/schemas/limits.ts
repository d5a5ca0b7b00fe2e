import { z } from 'zod';

/**
 * Input limits every schema builds on, so that whatever passes a schema also fits PostgreSQL: integers within int4,
 * text PostgreSQL and jsonb can store (no NUL, no unpaired UTF-16 surrogate), dates in a plausible range, and
 * free-form JSON (drafts) of bounded depth and size. A value outside them is a 400 naming the field, never a 500.
 */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/** An id of a row (serial): a positive int4. */
export const rowId = z.number().int().positive().max(INT4_MAX, 'must be an id (at most 2147483647)');
/** The same from a URL or a query string. */
export const rowIdText = z.coerce.number().int().positive().max(INT4_MAX, 'must be an id (at most 2147483647)');

// NUL cannot be stored in a PostgreSQL text; a lone surrogate cannot be written to jsonb (and is no character at all).
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const CLEAN_TEXT_MESSAGE = 'must not contain NUL or unpaired surrogate characters';
export const isCleanText = (s: string): boolean => !BAD_TEXT.test(s);

/** A string of at most `max` characters that PostgreSQL can store. */
export const text = (max: number) => z.string().max(max).refine(isCleanText, CLEAN_TEXT_MESSAGE);
/** The same, trimmed first. */
export const trimmedText = (max: number) => z.string().trim().max(max).refine(isCleanText, CLEAN_TEXT_MESSAGE);

/** The earliest year a date may have; the latest is a year from now unless a field plans further ahead. */
export const MIN_YEAR = 1900;
export const PLANNING_MAX_YEAR = 2100;
const yearOf = (s: string) => Number(s.slice(0, 4));
const maxYear = (ahead: 'year' | 'planning') => (ahead === 'planning' ? PLANNING_MAX_YEAR : new Date().getUTCFullYear() + 1);
const inRange = (ahead: 'year' | 'planning') => (s: string) => {
  const y = yearOf(s);
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  return y >= MIN_YEAR && y <= maxYear(ahead) && Number.isFinite(t) && (ahead === 'planning' || t <= Date.now() + 366 * 86_400_000);
};
const rangeMessage = (ahead: 'year' | 'planning') =>
  ahead === 'planning' ? `must be between ${MIN_YEAR} and ${PLANNING_MAX_YEAR}` : `must be between ${MIN_YEAR} and a year from now`;

/** YYYY-MM-DD between 1900 and a year from now ('planning': up to 2100, for validity periods and holidays). */
export const isoDate = (message = 'date must be YYYY-MM-DD', ahead: 'year' | 'planning' = 'year') =>
  z.iso.date(message).refine(inRange(ahead), rangeMessage(ahead));

/** An ISO instant with its offset, between 1900 and a year from now. */
export const isoDateTime = () => z.iso.datetime({ offset: true }).refine(inRange('year'), rangeMessage('year'));

/** Free-form JSON (an autosaved form): depth, size and every string and key checked without recursion. */
export function boundedJson(limits: { maxDepth: number; maxChars: number }) {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [] });
  });
}

/** What is wrong with a parsed JSON value, or null. Iterative: a value nested 20,000 levels deep cannot overflow the stack. */
export function jsonProblem(value: unknown, limits: { maxDepth: number; maxChars: number }): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let chars = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > limits.maxDepth) return `is nested too deeply (${limits.maxDepth} levels at most)`;
    if (typeof v === 'string') {
      chars += v.length + 2;
      if (!isCleanText(v)) return CLEAN_TEXT_MESSAGE;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        chars += k.length + 4;
        if (!isCleanText(k)) return CLEAN_TEXT_MESSAGE;
        stack.push([child, depth + 1]);
      }
    } else chars += 8;
    if (chars > limits.maxChars) return `is too large (${Math.round(limits.maxChars / 1000)} kB at most)`;
  }
  return null;
}
