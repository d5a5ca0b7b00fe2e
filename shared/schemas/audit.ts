import { z } from 'zod';
import { AUDIT_PAGE_MAX, contactIdOfRef, isAuditAction, type AuditAction } from '../audit.js';
import { LANGS } from '../i18n/labels.js';
import { isoDate, rowIdText, trimmedText } from './limits.js';

/** base64url of "<timestamp with microseconds>|<id>": the last entry of the page before. */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|\d{1,19}$/;

export function encodeAuditCursor(at: string, id: number | string): string {
  return btoa(`${at}|${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(s: string): { at: string; id: string } | null {
  try {
    const text = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    if (!CURSOR.test(text)) return null;
    const [at, id] = text.split('|') as [string, string];
    return { at, id };
  } catch {
    return null;
  }
}

const actionList = trimmedText(2000).transform((s, ctx) => {
  const codes = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
  const unknown = codes.find((c) => !isAuditAction(c));
  if (unknown !== undefined || codes.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must be one or more known audit actions, separated by commas' });
    return z.NEVER;
  }
  return codes as AuditAction[];
});

const filterShape = {
  person: rowIdText.optional(),
  action: actionList.optional(),
  case: trimmedText(20)
    .transform((s, ctx) => contactIdOfRef(s) ?? (ctx.addIssue({ code: 'custom', message: 'must be a case reference like LH-000123' }), z.NEVER))
    .optional(),
  agency: rowIdText.optional(),
  from: isoDate('from must be YYYY-MM-DD').optional(),
  to: isoDate('to must be YYYY-MM-DD').optional(),
};
const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const periodIssue = { path: ['to'], message: 'must not be before from' };

/**
 * The audit viewer's filters, all optional and combined with AND: person (a user id), action (one or several,
 * comma-separated), case (LH-000123 or the contact id), agency, period (Vietnam days, both included).
 */
export const auditFilters = z.object(filterShape).refine(periodInOrder, periodIssue);

/** The filters and paging: the cursor of the page before, at most AUDIT_PAGE_MAX entries. */
export const auditQuery = z
  .object({
    ...filterShape,
    cursor: trimmedText(200)
      .transform((s, ctx) => decodeCursor(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a cursor this viewer gave' }), z.NEVER))
      .optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  })
  .refine(periodInOrder, periodIssue);

/** The filters of a CSV export, and the language of its headings and labels (the reader's own by default). */
export const auditExportQuery = z.object({ ...filterShape, lang: z.enum(LANGS).optional() }).refine(periodInOrder, periodIssue);

export type AuditFilters = z.output<typeof auditFilters>;
export type AuditQuery = z.output<typeof auditQuery>;
