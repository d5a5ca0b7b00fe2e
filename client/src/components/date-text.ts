/** The typing side of the date field (no DOM here; parseDate in i18n/format.ts reads what was typed). */
/** What a keystroke leaves in the box: only digits and separators, the slashes of dd/mm/ added as one types. */
export function maskDateText(raw: string, previous: string): string {
  const kept = raw.replace(/[^\d/.-]/g, '').replace(/\/{2,}/g, '/').slice(0, 10);
  if (kept.length < previous.length) return kept;
  if (/^\d{8}$/.test(kept)) return `${kept.slice(0, 2)}/${kept.slice(2, 4)}/${kept.slice(4)}`;
  if (/^\d{2}$/.test(kept) || /^\d{1,2}\/\d{2}$/.test(kept)) return `${kept}/`;
  return kept;
}
