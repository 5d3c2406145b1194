import { describe, expect, it } from 'vitest';
import { requestLanguage } from './request-language.ts';

describe('requestLanguage', () => {
  it('takes the site language when the client states none', () => {
    expect(requestLanguage(undefined, 'fr')).toBe('fr');
    expect(requestLanguage('', 'en')).toBe('en');
  });

  it('takes the first language Relais speaks, by q-value', () => {
    expect(requestLanguage('fr', 'en')).toBe('fr');
    expect(requestLanguage('fr-CA,fr;q=0.9,en;q=0.8', 'en')).toBe('fr');
    expect(requestLanguage('de-DE,de;q=0.9,fr;q=0.5,en;q=0.4', 'en')).toBe('fr');
    expect(requestLanguage('en;q=0.2, fr;q=0.7', 'en')).toBe('fr');
    expect(requestLanguage('EN-gb', 'fr')).toBe('en');
  });

  it('falls back to the site language for languages it does not speak, a wildcard or garbage', () => {
    expect(requestLanguage('de, it', 'fr')).toBe('fr');
    expect(requestLanguage('*', 'fr')).toBe('fr');
    expect(requestLanguage(';;;q=x', 'en')).toBe('en');
  });
});
