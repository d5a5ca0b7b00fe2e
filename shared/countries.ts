import { countryName, type Lang } from './i18n/labels.js';
import { COUNTRY_CODES } from './country-codes.js';
import { foldKey, matchRank } from './text-fold.js';

export interface CountryOption {
  code: string;
  name: string;
}

const optionsCache = new Map<Lang, CountryOption[]>();

/** Every country named in the language, Viet Nam first (most victims are Vietnamese), then in alphabetical order. */
export function countryOptions(lang: Lang): CountryOption[] {
  let list = optionsCache.get(lang);
  if (!list) {
    const collator = new Intl.Collator(lang);
    const others = COUNTRY_CODES.filter((c) => c !== 'VN').map((code) => ({ code, name: countryName(code, lang) }));
    list = [{ code: 'VN', name: countryName('VN', lang) }, ...others.sort((a, b) => collator.compare(a.name, b.name))];
    optionsCache.set(lang, list);
  }
  return list;
}

const keysCache = new Map<Lang, { option: CountryOption; keys: string[] }[]>();

/**
 * Countries matching what someone typed, best first: the name in either language without accents ("phap" and
 * "france" find Pháp) or the code ("kh"). Ties keep the order of countryOptions (Viet Nam first).
 */
export function searchCountries(query: string, lang: Lang): CountryOption[] {
  const q = foldKey(query);
  const options = countryOptions(lang);
  if (!q) return options;
  let keyed = keysCache.get(lang);
  if (!keyed) {
    const other: Lang = lang === 'vi' ? 'en' : 'vi';
    keyed = options.map((option) => ({ option, keys: [foldKey(option.name), foldKey(countryName(option.code, other))] }));
    keysCache.set(lang, keyed);
  }
  const scored: { option: CountryOption; score: number; i: number }[] = [];
  keyed.forEach(({ option, keys }, i) => {
    const ranks = keys.map((k) => matchRank(k, q) ?? Infinity);
    const score = option.code.toLowerCase() === q ? 0 : Math.min(...ranks);
    if (score < Infinity) scored.push({ option, score, i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.option);
}
