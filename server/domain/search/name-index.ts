import { foldWords } from '../../../shared/text-fold.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';

/**
 * The blind index of victims' names: each word of the name, folded (lower case, Vietnamese diacritics and đ folded,
 * separators gone: "Nguyễn Thị Lan" → nguyen, thi, lan), hashed with the keyed lookup hash under its own prefix, so a
 * name token never equals a phone hash. The same fold runs on the search's terms: a search matches hashes, never
 * decrypting a name. Whole words only; order and accents do not matter.
 */
export function nameTokens(name: string | null | undefined): string[] {
  if (!name) return [];
  return [...new Set(foldWords(name).split(' ').filter((w) => w.length > 0))].slice(0, 20);
}

export function nameTokenHashes(crypto: Pick<FieldCrypto, 'lookupHash'>, name: string | null | undefined): string[] {
  return nameTokens(name).map((t) => crypto.lookupHash(`victim-name:${t}`));
}
