import type { ReactNode } from 'react';

const REF = /(LH-\d{6})/;

/**
 * A text with each case reference kept whole: "LH-000002" never breaks at its hyphen, so a narrow title reads
 * "… LH-000002", not "… LH-" and "000002" on the next line.
 */
export function withWholeRefs(text: string): ReactNode {
  const parts = text.split(REF);
  if (parts.length === 1) return text;
  return parts.map((p, i) => (i % 2 === 1 ? <span key={i} className="ref-whole">{p}</span> : p));
}
