import { useTranslation } from 'react-i18next';
import { ethnicityName } from '../../../shared/ethnicity/ethnicity.js';
import { countryName, label, supportRegimeLabel, type Lang, type LabelKind, type LabelValue } from '../../../shared/i18n/labels.js';
import { whyText } from '../../../shared/i18n/why-text.js';
import type { ReferralWhy, SupportRegime } from '../../../shared/index.js';

/** Labels of stored enumeration values (shared/i18n/labels.ts) in the console's current language. */
export function useLabels() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    lang,
    label: <K extends LabelKind>(kind: K, value: LabelValue<K>) => label(kind, value, lang),
    country: (code: string) => countryName(code, lang),
    ethnicity: (code: string) => ethnicityName(code, lang),
    regime: (r: SupportRegime) => supportRegimeLabel(r, lang),
    /** Why a referral is where it is, from its reason code (shared/i18n/why-text.ts). */
    why: (w: ReferralWhy) => whyText(w, lang),
  };
}
