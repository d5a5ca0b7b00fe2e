import type { Lang, StatUnit } from '../../../shared/index.js';

const formats = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    // vi-VN: 4.610 and 1,61, as Vietnamese documents write numbers.
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formats.set(key, f);
  }
  return f;
}

/**
 * A table value in the console's language: counts whole, hours to 2 decimals, percentages to 1 (the column's
 * heading says "(%)"; charts ask for the sign); null as —.
 */
export function statValue(v: number | null, unit: StatUnit, lang: Lang, percentSign = false): string {
  if (v === null) return '—';
  if (unit === 'count') return nf(lang, 0).format(v);
  if (unit === 'hours') return nf(lang, 2).format(v);
  return `${nf(lang, 1).format(v)}${percentSign ? '%' : ''}`;
}

/** Hours as something a reader pictures: minutes under an hour, hours under two days, then days (closing takes weeks). */
export function hoursText(v: number, lang: Lang): string {
  const vi = lang === 'vi';
  if (v < 1) return `${nf(lang, 0).format(v * 60)} ${vi ? 'phút' : 'min'}`;
  if (v < 48) return `${nf(lang, 1).format(v)} ${vi ? 'giờ' : 'h'}`;
  if (v >= 8760) return `${nf(lang, 1).format(v / 8760)} ${vi ? 'năm' : v >= 17520 ? 'years' : 'year'}`;
  return `${nf(lang, 1).format(v / 24)} ${vi ? 'ngày' : 'days'}`;
}
