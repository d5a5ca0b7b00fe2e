import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from '../i18n/index.js';

/** VI | EN toggle; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          title={t(`language.${lng}`)}
          onClick={() => chooseLanguage(lng)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
