import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, searchCountries } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { Combobox, type ComboboxProps, type ComboOption } from './combobox.js';

type Props = Omit<ComboboxProps, 'search' | 'labelOf' | 'noMatches' | 'placeholder' | 'clearable'>;

/** A country (ISO 3166-1 alpha-2) by its name in the console's language or its code, Viet Nam first; '' is not known. */
export function CountryPicker(props: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const unknown = t('picker.unknown');
  const search = useCallback(
    (q: string): ComboOption[] => {
      const countries = searchCountries(q, lang).map((c) => ({ value: c.code, label: c.name, hint: c.code }));
      // Viet Nam, then "not known" (the two usual answers), then every other country.
      return q.trim() ? countries : [countries[0]!, { value: '', label: unknown }, ...countries.slice(1)];
    },
    [lang, unknown],
  );
  const labelOf = useCallback((v: string) => (v ? countryName(v, lang) : ''), [lang]);
  return <Combobox {...props} search={search} labelOf={labelOf} placeholder={t('picker.countryPlaceholder')} noMatches={t('picker.noMatches')} clearable />;
}
