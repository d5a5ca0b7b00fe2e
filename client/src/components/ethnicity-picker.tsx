import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ethnicityName, searchEthnicities } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { Combobox, type ComboboxProps, type ComboOption } from './combobox.js';

type Props = Omit<ComboboxProps, 'search' | 'labelOf' | 'noMatches' | 'placeholder' | 'clearable'>;

/** The victim's ethnic group: one of the 54 (and foreign national), found by any of its names; '' is not known. */
export function EthnicityPicker(props: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const unknown = t('picker.unknown');
  const search = useCallback(
    (q: string): ComboOption[] => {
      const groups = searchEthnicities(q).map((g) => ({ value: g.code, label: g[lang], hint: lang === 'en' ? `${g.vi} · ${g.code}` : g.code }));
      return q.trim() ? groups : [{ value: '', label: unknown }, ...groups];
    },
    [lang, unknown],
  );
  const labelOf = useCallback((v: string) => (v ? ethnicityName(v, lang) : ''), [lang]);
  return <Combobox {...props} search={search} labelOf={labelOf} placeholder={t('picker.ethnicityPlaceholder')} noMatches={t('picker.noMatches')} clearable />;
}
