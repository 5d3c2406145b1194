import Negotiator from 'negotiator';
import { LANGUAGES, type Language } from './text.ts';

/**
 * The language to answer a request in: the client's preferred one among those Relais speaks
 * (`Accept-Language`, with its q-values; the Desk sends the language chosen in its header), else the
 * site language. `fr-CA` counts as French.
 */
export function requestLanguage(acceptLanguage: string | string[] | undefined, siteLanguage: Language): Language {
  if (!acceptLanguage) return siteLanguage;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  for (const tag of new Negotiator({ headers: { 'accept-language': header } }).languages()) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === '*') return siteLanguage;
    const found = LANGUAGES.find((language) => language === base);
    if (found) return found;
  }
  return siteLanguage;
}
