import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('e-mail settings', () => {
  it('leaves SMTP unset by default and derives the From from the site host', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Relais <relais@localhost>' });
    expect(loadConfig({ RELAIS_SITE_URL: 'https://erp.acme.example/' }).mailFrom).toBe('Relais <relais@erp.acme.example>');
    expect(loadConfig({ RELAIS_SITE_URL: 'http://10.0.0.5:8000' }).mailFrom).toBe('Relais <relais@localhost>');
    expect(loadConfig({ RELAIS_MAIL_FROM: '"Acme" <desk@acme.example>' }).mailFrom).toBe('"Acme" <desk@acme.example>');
  });

  it('accepts smtp:// and smtps:// URLs and refuses others without repeating the password', () => {
    for (const url of ['smtp://user:pa%40ss@mail.acme.example:587', 'smtps://mail.acme.example']) {
      expect(loadConfig({ RELAIS_SMTP_URL: url }).smtpUrl).toBe(url);
    }
    for (const url of ['https://user:hunter22@mail.acme.example', 'smtp:hunter22', 'not a url hunter22']) {
      expect(() => loadConfig({ RELAIS_SMTP_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ RELAIS_SMTP_URL: url })).toThrow(/RELAIS_SMTP_URL/);
      expect(() => loadConfig({ RELAIS_SMTP_URL: url })).not.toThrow(/hunter22/);
    }
  });

  it('refuses RELAIS_PORT=0 unless RELAIS_SITE_URL says where the site is', () => {
    expect(() => loadConfig({ RELAIS_PORT: '0' })).toThrow(/RELAIS_PORT=0 .*set RELAIS_SITE_URL/);
    expect(loadConfig({ RELAIS_PORT: '0', RELAIS_SITE_URL: 'https://erp.acme.example' })).toMatchObject({
      port: 0,
      siteUrl: 'https://erp.acme.example',
    });
  });

  it('refuses a From that is not an address', () => {
    expect(() => loadConfig({ RELAIS_MAIL_FROM: 'Relais' })).toThrow(/RELAIS_MAIL_FROM=Relais is not an e-mail address/);
  });
});
