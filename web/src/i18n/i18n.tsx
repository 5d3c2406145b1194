import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api.ts';
import { en, enMenuLabels, enTerms, type MessageKey, type Messages } from './en.ts';
import { frMenuLabels, frMessages, frNewButtons, frTerms } from './fr.ts';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name, written in that language (the switch shows them so). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

interface Dictionary {
  messages: Messages;
  terms: Record<string, string>;
  newButtons: Record<string, string>;
  menuLabels: Record<string, string>;
}

const DICTIONARIES: Record<Language, Dictionary> = {
  en: { messages: en, terms: enTerms, newButtons: {}, menuLabels: enMenuLabels },
  fr: { messages: frMessages, terms: frTerms, newButtons: frNewButtons, menuLabels: frMenuLabels },
};

/** Whether the dictionaries have this key (every language has the same keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The keys worded by count: `<key>.one` and `<key>.other` (and any other plural category) exist. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

const STORAGE_KEY = 'relais.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's language, else English. */
function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage refused (private mode): fall through
  }
  const browser = (navigator.languages?.[0] ?? navigator.language ?? 'en').slice(0, 2).toLowerCase();
  return isLanguage(browser) ? browser : 'en';
}

export type Params = Record<string, string | number>;
export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** A message of the dictionary, `{name}` placeholders filled (numbers in the locale's format). */
  t(key: MessageKey, params?: Params): string;
  /** The message `<key>.<plural form>` for `count` (`{count}` filled in), else `<key>.other`. */
  plural(key: PluralKey, count: number, params?: Params): string;
  /** A stored value's message `<prefix>.<value>` where the dictionary has one, else the value as stored. */
  valueText(prefix: string, value: string): string;
  /** A word stored in English (a label, a doctype, an option), in the chosen language when translated. */
  term(english: string): string;
  /** The label of the "New" button of a doctype's list. */
  newButton(doctype: string): string;
  /** A doctype's entry in the menu. */
  menuLabel(doctype: string): string;
  formatNumber(value: number): string;
  formatDate(value: Date): string;
  formatDateTime(value: Date): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const initial = initialLanguage();
    setApiLanguage(initial); // before the first call of any page
    return initial;
  });

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[language];
    const numbers = new Intl.NumberFormat(language);
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const formatNumber = (n: number) => numbers.format(n);
    const plurals = new Intl.PluralRules(language);
    const term = (english: string) => dictionary.terms[english] ?? english;
    const t = (key: MessageKey, params: Params = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? formatNumber(v) : v;
      });
    return {
      language,
      setLanguage(next) {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // not remembered, still switched
        }
        setApiLanguage(next);
        setLanguageState(next);
      },
      t,
      plural(key, count, params = {}) {
        const form = `${key}.${plurals.select(count)}`;
        return t(isMessageKey(form) ? form : `${key}.other`, { ...params, count });
      },
      valueText(prefix, value) {
        const key = `${prefix}.${value}`;
        return isMessageKey(key) ? t(key) : value;
      },
      term,
      newButton(doctype) {
        return dictionary.newButtons[doctype] ?? dictionary.messages['list.new'].replace('{doctype}', term(doctype));
      },
      menuLabel: (doctype) => dictionary.menuLabels[doctype] ?? term(doctype),
      formatNumber,
      formatDate: (d) => dates.format(d),
      formatDateTime: (d) => dateTimes.format(d),
    };
  }, [language]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
