import { useId } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, useI18n, type Language } from '../i18n/i18n.tsx';

/** English / Français: the choice is remembered in this browser. */
export function LanguageSwitch() {
  const i18n = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{i18n.t('language.label')}</label>
      <select id={id} value={i18n.language} onChange={(e) => i18n.setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}
