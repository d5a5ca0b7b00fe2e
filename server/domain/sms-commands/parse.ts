import { SUPPORT_REGIMES, type SupportRegime } from '../../../shared/index.js';
import { foldWords } from '../../../shared/text-fold.js';

/**
 * SMS commands a focal point sends back to the hotline's number, diacritics and case ignored:
 *   NHAN 4821                 accept
 *   TUCHOI 4821 <lý do>       decline, with the reason
 *   HOTRO 4821 b,g [ghi chú]  record support given under these regimes (Decree 20/2021: a, b, c, d, đ, e, g, h, i, k)
 * A message that does not start with one of these words is not a command (it is an ordinary message to the
 * hotline, and goes to the operators). One that starts with one but is wrong otherwise is malformed.
 */
export type SmsCommand =
  | { kind: 'accept'; code: number }
  | { kind: 'decline'; code: number; reason: string }
  | { kind: 'support'; code: number; regimes: SupportRegime[]; note: string };

export type Parsed = { ok: true; command: SmsCommand } | { ok: false; kind: SmsCommand['kind']; problem: 'code' | 'reason' | 'regimes' } | null;

const KEYWORDS: Record<string, SmsCommand['kind']> = { nhan: 'accept', tuchoi: 'decline', 'tu choi': 'decline', hotro: 'support', 'ho tro': 'support' };

/** The original text after the first `words` words (the reason and note keep their diacritics). */
function restAfter(text: string, words: number): string {
  return text.trim().split(/\s+/).slice(words).join(' ');
}

export function parseSmsCommand(text: string): Parsed {
  const folded = foldWords(text);
  const two = folded.split(' ').slice(0, 2).join(' ');
  const keyword = KEYWORDS[two] ? two : KEYWORDS[folded.split(' ')[0] ?? ''] ? folded.split(' ')[0]! : null;
  if (!keyword) return null;
  const kind = KEYWORDS[keyword]!;
  const keywordWords = keyword.split(' ').length;
  const codeWord = text.trim().split(/\s+/)[keywordWords] ?? '';
  if (!/^\d{4,5}$/.test(codeWord)) return { ok: false, kind, problem: 'code' };
  const code = Number(codeWord);
  const rest = restAfter(text, keywordWords + 1);
  if (kind === 'accept') return { ok: true, command: { kind, code } };
  if (kind === 'decline') {
    const reason = rest.trim();
    return reason.length >= 3 ? { ok: true, command: { kind, code, reason: reason.slice(0, 1000) } } : { ok: false, kind, problem: 'reason' };
  }
  const [list = '', ...note] = rest.split(/\s+/);
  // đ is regime "dd" (folding alone would make it "d", another regime).
  const regimes = list.split(',').map((r) => foldWords(r.replace(/[đĐ]/g, 'dd')).replace(/ /g, '')).filter(Boolean);
  const known = (r: string): r is SupportRegime => (SUPPORT_REGIMES as readonly string[]).includes(r);
  if (regimes.length === 0 || !regimes.every(known)) return { ok: false, kind, problem: 'regimes' };
  return { ok: true, command: { kind, code, regimes: [...new Set(regimes)] as SupportRegime[], note: note.join(' ').slice(0, 2000) } };
}
