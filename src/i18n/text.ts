/**
 * Words Relais says to a person (an error, a reason a URL is refused, the outcome of a test send), kept
 * as an English template and its values so that each answer can say them in the reader's language.
 *
 * Write them with the `tr` tag: tr`${doctype} ${name} not found`. The template (`{0} {1} not found`) is
 * the key of its translations in `catalogue.ts`; values stay as given, except a `Text` (said in the same
 * language) and a `term()` (a word stored in English, such as a field label, translated when a
 * translation exists). A test finds every `tr` template in `src/` and fails when one lacks French.
 */
import { FRENCH_SENTENCES, FRENCH_TERMS } from './catalogue.ts';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A word stored in English (a doctype, a field label, a Select option), shown translated. */
export class Term {
  constructor(readonly english: string) {}

  toString(): string {
    return this.english;
  }
}

export function term(english: string): Term {
  return new Term(english);
}

/** A sentence to show a person, in any language Relais speaks. `String(text)` is its English. */
export class Text {
  constructor(
    /** The English template with `{0}`, `{1}`… where the values go: the key of its translations. */
    readonly template: string,
    readonly values: readonly unknown[],
  ) {}

  /** The sentence in `language` (English when no translation exists). */
  in(language: Language): string {
    const template = language === 'fr' ? (FRENCH_SENTENCES[this.template] ?? this.template) : this.template;
    return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
      const i = Number(index);
      return i < this.values.length ? sayValue(this.values[i], language) : whole;
    });
  }

  toString(): string {
    return this.in('en');
  }

  toJSON(): string {
    return this.in('en');
  }
}

function sayValue(value: unknown, language: Language): string {
  if (value instanceof Text) return value.in(language);
  if (value instanceof Term) return language === 'fr' ? (FRENCH_TERMS[value.english] ?? value.english) : value.english;
  return String(value);
}

/** The tag that makes a `Text`: tr`Value missing for ${label}`. */
export function tr(strings: TemplateStringsArray, ...values: unknown[]): Text {
  return new Text(templateOf(strings), values);
}

/** The catalogue key of a tagged template's literal parts: `{0}`, `{1}`… between them. */
export function templateOf(parts: readonly string[]): string {
  return parts.reduce((template, part, i) => (i === 0 ? part : `${template}{${i - 1}}${part}`), '');
}

/** Text that is already final in every language (a service's own answer, a user's input). */
export function verbatim(words: string): Text {
  return new Text('{0}', [words]);
}

/** Either kind of words: plain English or a `Text`, said in `language`. */
export function say(words: string | Text, language: Language): string {
  return typeof words === 'string' ? words : words.in(language);
}
