import { RelaisError } from '../errors/relais-error.ts';
import { Text, term, tr, verbatim } from '../i18n/text.ts';
import type { DocField } from './meta.ts';

/** Where a value sits, for error messages: `Issue.priority` or `Issue.items row 2: qty`. */
export interface FieldLocation {
  doctype: string;
  fieldname: string;
  /** 1-based row number when the value is in a child table. */
  row?: number;
  tablefield?: string;
}

/** A row of a child table, for error messages: `items row 2`. */
export function describeRow(tablefield: string | undefined, row: number | undefined): Text {
  return tr`${tablefield} row ${row}`;
}

export function describeLocation(loc: FieldLocation): Text {
  return loc.row !== undefined ? tr`${describeRow(loc.tablefield, loc.row)}: ${loc.fieldname}` : verbatim(loc.fieldname);
}

/** `"a", "b"`: a Select field's options, each said in the reader's language. */
function optionList(options: string[]): Text {
  return new Text(options.map((_, i) => `"{${i}}"`).join(', '), options.map(term));
}

function invalid(loc: FieldLocation, field: DocField, value: unknown, expected: Text): RelaisError {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : JSON.stringify(value)?.slice(0, 80);
  return new RelaisError(
    'INVALID_VALUE',
    tr`${term(loc.doctype)}: ${describeLocation(loc)} (${term(field.fieldtype)}) expects ${expected}, got ${shown}`,
    {
      doctype: loc.doctype,
      field: loc.fieldname,
      row: loc.row,
      tablefield: loc.tablefield,
      fieldtype: field.fieldtype,
      expected: String(expected),
    },
  );
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function normaliseDate(value: string): string | null {
  const m = DATE_RE.exec(value);
  if (!m || !isRealDate(+m[1], +m[2], +m[3])) return null;
  return value;
}

function normaliseTime(value: string): string | null {
  const m = TIME_RE.exec(value);
  if (!m) return null;
  const [h, min, s] = [+m[1], +m[2], m[3] ? +m[3] : 0];
  if (h > 23 || min > 59 || s > 59) return null;
  const frac = m[4] ? m[4].slice(1).padEnd(6, '0') : '';
  return `${String(h).padStart(2, '0')}:${m[2]}:${String(s).padStart(2, '0')}${frac ? `.${frac}` : ''}`;
}

/** Accepts `YYYY-MM-DD HH:MM[:SS[.ffffff]]` and ISO `T…[Z]`; returns Frappe's `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
function normaliseDatetime(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](.+?))?(Z|[+-]00:?00)?$/.exec(value.trim());
  if (!m || !normaliseDate(m[1])) return null;
  const time = m[2] ? normaliseTime(m[2]) : '00:00:00';
  return time ? `${m[1]} ${time}` : null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/**
 * Checks and normalises one incoming value for its field type: `"5"` becomes 5 in an Int field,
 * `true` becomes 1 in a Check, ISO datetimes become Frappe's format. Empty values become null
 * (an empty string stays "" in text fields). Throws INVALID_VALUE / INVALID_SELECT_OPTION naming the field.
 */
export function coerceFieldValue(field: DocField, value: unknown, loc: FieldLocation): unknown {
  if (value === undefined || value === null) return null;
  switch (field.fieldtype) {
    case 'Int': {
      if (value === '') return null;
      const n = toNumber(value);
      if (n === null || !Number.isInteger(n)) throw invalid(loc, field, value, tr`a whole number`);
      if (Math.abs(n) > 2_147_483_647) throw invalid(loc, field, value, tr`a whole number between -2147483647 and 2147483647`);
      return n;
    }
    case 'Float':
    case 'Currency':
    case 'Percent': {
      if (value === '') return null;
      const n = toNumber(value);
      if (n === null) throw invalid(loc, field, value, tr`a number`);
      return n;
    }
    case 'Check': {
      if (value === true || value === 1 || value === '1') return 1;
      if (value === false || value === 0 || value === '0' || value === '') return 0;
      throw invalid(loc, field, value, tr`0 or 1`);
    }
    case 'Date': {
      if (value === '') return null;
      const d = typeof value === 'string' ? normaliseDate(value.slice(0, 10) === value ? value : value.trim()) : null;
      if (!d) throw invalid(loc, field, value, tr`a date YYYY-MM-DD`);
      return d;
    }
    case 'Datetime': {
      if (value === '') return null;
      const d = typeof value === 'string' ? normaliseDatetime(value) : null;
      if (!d) throw invalid(loc, field, value, tr`a datetime YYYY-MM-DD HH:MM:SS`);
      return d;
    }
    case 'Time': {
      if (value === '') return null;
      const t = typeof value === 'string' ? normaliseTime(value.trim()) : null;
      if (!t) throw invalid(loc, field, value, tr`a time HH:MM:SS`);
      return t;
    }
    case 'JSON': {
      // Kept parsed in memory; stored as JSON text (see document-rows).
      if (typeof value === 'string') {
        if (value === '') return null;
        try {
          return JSON.parse(value);
        } catch {
          throw invalid(loc, field, value, tr`JSON text or a JSON object/array`);
        }
      }
      if (typeof value === 'object' || typeof value === 'number' || typeof value === 'boolean') return value;
      throw invalid(loc, field, value, tr`JSON text or a JSON object/array`);
    }
    case 'Table':
      if (!Array.isArray(value)) throw invalid(loc, field, value, tr`a list of rows`);
      return value;
    case 'Select': {
      if (typeof value !== 'string') throw invalid(loc, field, value, tr`text`);
      const options = selectOptions(field);
      if (value !== '' && options.length > 0 && !options.includes(value)) {
        throw new RelaisError(
          'INVALID_SELECT_OPTION',
          tr`${term(loc.doctype)}: ${describeLocation(loc)} cannot be "${value.slice(0, 80)}". It should be one of ${optionList(options)}`,
          { doctype: loc.doctype, field: loc.fieldname, row: loc.row, tablefield: loc.tablefield, value, options },
        );
      }
      return value;
    }
    default: {
      // Text-like types (Data, Text, Link, Attach, …). Numbers are accepted as their text, like Frappe's cstr.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value !== 'string') throw invalid(loc, field, value, tr`text`);
      if (field.fieldtype === 'Data' || field.fieldtype === 'Link') {
        if (value.length > 140) throw invalid(loc, field, value, tr`at most 140 characters`);
      }
      return value;
    }
  }
}

/** Options of a Select field, one per line as Frappe stores them (blank lines dropped). */
export function selectOptions(field: DocField): string[] {
  return (field.options ?? '')
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/** True when a value counts as empty for a mandatory check (Frappe: None, "", empty table). */
export function isEmptyValue(field: DocField, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (field.fieldtype === 'Table') return Array.isArray(value) && value.length === 0;
  return false;
}

/** A field's default for a new document: Frappe's `default`, with `Today` / `now` resolved. */
export function defaultValue(field: DocField, now: Date): unknown {
  const raw = field.default;
  if (raw === undefined || raw === null || raw === '') {
    return field.fieldtype === 'Check' ||
      field.fieldtype === 'Int' ||
      field.fieldtype === 'Float' ||
      field.fieldtype === 'Currency' ||
      field.fieldtype === 'Percent'
      ? 0
      : field.fieldtype === 'Table'
        ? []
        : null;
  }
  if (field.fieldtype === 'Date' && raw.toLowerCase() === 'today') return now.toISOString().slice(0, 10);
  if (field.fieldtype === 'Datetime' && raw.toLowerCase() === 'now')
    return `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 19)}`;
  return coerceFieldValue(field, raw, { doctype: '', fieldname: field.fieldname });
}
