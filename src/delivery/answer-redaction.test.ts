import { describe, expect, it } from 'vitest';
import { tr, verbatim } from '../i18n/text.ts';
import { redact, redactText, secretPartsOf } from './answer-redaction.ts';

describe('answer redaction', () => {
  it('treats what the mask hides as secret, in the forms a service may echo', () => {
    const url = 'https://chat.googleapis.com/v1/spaces/AAAAbCdEf/messages?key=AIzaSyDdI0hCZtE6vySjMm&token=abc-def%3D';
    const secrets = secretPartsOf(url, 'https://chat.googleapis.com/v1/spaces/AAAAbCdEf/messages?key=…&token=••••');
    expect(secrets).toEqual(expect.arrayContaining(['AIzaSyDdI0hCZtE6vySjMm', 'abc-def%3D', 'abc-def=']));
    expect(secrets).not.toContain('AAAAbCdEf'); // the mask shows the space: not a secret
    expect(redact('{"error": "token abc-def= for key AIzaSyDdI0hCZtE6vySjMm"}', secrets)).toBe('{"error": "token •••• for key ••••"}');
  });

  it('hides an ntfy topic the answer repeats', () => {
    const secrets = secretPartsOf('https://ntfy.sh/relais-support-k3x9q2', 'https://ntfy.sh/••••');
    expect(redact('{"id":"x1","topic":"relais-support-k3x9q2"}', secrets)).toBe('{"id":"x1","topic":"••••"}');
  });

  it('hides the secrets in the answer a message quotes, in every language, and keeps its words', () => {
    const secrets = secretPartsOf('https://ntfy.sh/relais-support-k3x9q2', 'https://ntfy.sh/••••');
    const message = redactText(tr`Body template: ${verbatim('topic relais-support-k3x9q2 is gone')}`, secrets);
    expect(String(message)).toBe('Body template: topic •••• is gone');
    expect(message.in('fr')).toBe('Modèle du corps : topic •••• is gone');
  });

  it('leaves text alone when the URL has no hidden part or does not parse', () => {
    expect(redact('ok', secretPartsOf('https://example.com/hook', 'https://example.com/hook'))).toBe('ok');
    expect(secretPartsOf('not a url', '••••')).toEqual([]);
  });
});
