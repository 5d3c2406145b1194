import type { DocField } from './api.ts';
import type { I18n } from './i18n/i18n.tsx';

/** `2026-03-01` or `2026-03-01 14:05:09.123456` (Frappe's stored forms) as a local Date; undefined otherwise. */
export function parseStoredDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A stored value as a list or table cell shows it, in the chosen language. */
export function displayValue(field: DocField, value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.fieldtype) {
    case 'Check':
      return Number(value) ? i18n.t('value.yes') : i18n.t('value.no');
    case 'Int':
    case 'Float':
    case 'Currency':
    case 'Percent': {
      const n = Number(value);
      return Number.isFinite(n) ? i18n.formatNumber(n) : String(value);
    }
    case 'Date': {
      const date = parseStoredDate(String(value));
      return date ? i18n.formatDate(date) : String(value);
    }
    case 'Datetime': {
      const date = parseStoredDate(String(value));
      return date ? i18n.formatDateTime(date) : String(value);
    }
    case 'Select':
      return i18n.term(String(value));
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The label of a field in the chosen language (its fieldname when it has no label). */
export function fieldLabel(field: DocField, i18n: I18n): string {
  return i18n.term(field.label || field.fieldname);
}

/** The help text of a field in the chosen language, or undefined when it has none. */
export function fieldDescription(field: DocField, i18n: I18n): string | undefined {
  return field.description ? i18n.term(field.description) : undefined;
}
