/**
 * The Desk shows the doctypes Relais ships with their words stored in English (doctype names, field
 * labels, descriptions, Select options) through `term()`: each needs its French in frTerms, or the French
 * Desk shows it in English. A new field without French fails here.
 */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_DELIVERY, NOTIFICATION_DELIVERY_ATTEMPT } from '../../src/delivery/delivery-doctypes.ts';
import { CORE_DOCTYPES } from '../../src/documents/core-doctypes.ts';
import type { DocTypeMeta } from '../../src/documents/meta.ts';
import { SMS_DOCTYPES } from '../../src/integrations/sms-settings.ts';
import { NOTIFICATION_DOCTYPES } from '../../src/notifications/notification-doctypes.ts';
import { frTerms } from '../../web/src/i18n/fr.ts';

const SHIPPED: DocTypeMeta[] = [
  ...CORE_DOCTYPES,
  ...NOTIFICATION_DOCTYPES,
  ...SMS_DOCTYPES,
  NOTIFICATION_DELIVERY_ATTEMPT,
  NOTIFICATION_DELIVERY,
];

/** Select options shown as stored on purpose, and why. */
const OPTIONS_AS_STORED: Record<string, string> = {
  'DocField.fieldtype': 'field types are technical names: the DocType editor lists them as they are, as Frappe does',
  'Incoming Webhook URL.service': 'service names are brand names (Google Chat, Slack…), the same in every language',
};

/** Every word of a doctype the Desk may show through term(), with where it comes from. */
function wordsOf(meta: DocTypeMeta): { where: string; english: string }[] {
  const words = [{ where: meta.name, english: meta.name }];
  for (const field of meta.fields) {
    const where = `${meta.name}.${field.fieldname}`;
    if (field.label) words.push({ where, english: field.label });
    if (field.description) words.push({ where: `${where} (description)`, english: field.description });
    if (field.fieldtype === 'Select' && !(where in OPTIONS_AS_STORED)) {
      for (const option of (field.options ?? '').split('\n').filter(Boolean)) words.push({ where: `${where} (option)`, english: option });
    }
  }
  return words;
}

describe('French terms of the doctypes Relais ships', () => {
  it('has French for every doctype name, field label, description and Select option', () => {
    const missing = SHIPPED.flatMap(wordsOf)
      .filter((word) => !Object.hasOwn(frTerms, word.english))
      .map((word) => `${word.where}: ${word.english}`);
    expect(missing).toEqual([]);
  });

  it('has no empty French term', () => {
    expect(Object.entries(frTerms).filter(([, french]) => french.trim() === '')).toEqual([]);
  });
});
