/**
 * What an entry's details may show a reader of the log. Writers store ids, codes, counts and dates only
 * (audit.repo.ts); this keeps it so on the way out too, should a writer ever slip: numbers, booleans and nulls pass,
 * a string passes only when it looks like a code, an id or a date (never a sentence someone typed), nesting stops
 * at three levels.
 */
const CODE = /^[A-Za-z0-9_.:+-]{0,64}$/;
const DEPTH = 3;

function safe(v: unknown, depth: number): unknown {
  if (v == null || typeof v === 'number' || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'string') return CODE.test(v) ? v : '[…]';
  if (depth >= DEPTH) return '[…]';
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => safe(x, depth + 1));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v).slice(0, 50)) if (CODE.test(k)) out[k] = safe(x, depth + 1);
    return out;
  }
  return null;
}

export function safeDetails(details: unknown): Record<string, unknown> {
  const d = safe(details, 0);
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
}
