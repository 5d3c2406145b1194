import { RelaisError } from '../../errors/relais-error.ts';
import { tr, type Text } from '../../i18n/text.ts';
import type { DocTypeMeta } from '../meta.ts';
import { columnNames, describeBadField, resolveField, SAFE_ALIAS, splitTablePrefix, unquote } from './field-names.ts';
import { describe } from './filter-values.ts';

/** A selected column and the key it comes back under. */
export interface SelectedField {
  field: string;
  alias: string;
}

/**
 * Parses Frappe's `fields` parameter (JSON string, comma-separated string, `*` or a list; default
 * `["name"]`) into columns of `meta`: fieldnames, `*`, `tabDocType.field` spellings and
 * `field as alias`. Throws INVALID_FIELD_NAME naming the offending entry.
 */
export function parseFields(raw: unknown, meta: DocTypeMeta): SelectedField[] {
  const entries = decodeFields(raw);
  if (entries.length === 0) return [{ field: 'name', alias: 'name' }];
  const selected = entries.flatMap((entry) => parseEntry(meta, entry));
  checkDuplicateAliases(selected);
  return selected;
}

function decodeFields(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'string') throw fieldError(tr`fields must be a list of field names, got ${describe(raw)}`, raw);
  const text = raw.trim();
  if (text === '') return [];
  if (text.startsWith('[') || text.startsWith('"')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw fieldError(tr`fields is not valid JSON`, raw);
    }
    return Array.isArray(value) ? value : [value];
  }
  // Frappe also takes a plain comma-separated list: `name, status`.
  return text.split(',');
}

function parseEntry(meta: DocTypeMeta, entry: unknown): SelectedField[] {
  if (typeof entry !== 'string') throw fieldError(tr`fields: ${describe(entry)} is not a field name`, entry);
  const text = entry.trim();
  const aliased = /^(.+?)\s+as\s+(\S+)$/i.exec(text);
  const target = aliased ? aliased[1].trim() : text;
  if (isStar(target, meta)) {
    if (aliased) throw fieldError(tr`fields: "${text}" cannot alias "*"`, entry);
    return columnNames(meta).map((field) => ({ field, alias: field }));
  }
  const ref = resolveField(meta, target);
  if (!ref.ok) {
    const why = ref.reason === 'syntax' ? tr`"${text}" is not a field name or "field as alias"` : describeBadField(meta, ref);
    throw fieldError(tr`fields: ${why}`, entry);
  }
  if (!aliased) return [{ field: ref.field, alias: ref.field }];
  const alias = unquote(aliased[2]);
  if (!SAFE_ALIAS.test(alias)) {
    throw fieldError(tr`fields: alias "${aliased[2]}" in "${text}" must be letters, digits and underscores`, entry);
  }
  return [{ field: ref.field, alias }];
}

function isStar(text: string, meta: DocTypeMeta): boolean {
  if (text === '*') return true;
  const prefixed = splitTablePrefix(text);
  return prefixed !== undefined && prefixed.field === '*' && prefixed.doctype === meta.name;
}

function checkDuplicateAliases(selected: SelectedField[]): void {
  const seen = new Map<string, string>();
  for (const { field, alias } of selected) {
    const previous = seen.get(alias);
    if (previous !== undefined && previous !== field) {
      throw fieldError(tr`fields: "${alias}" names both ${previous} and ${field}`, alias);
    }
    seen.set(alias, field);
  }
}

function fieldError(message: Text, entry: unknown): RelaisError {
  return new RelaisError('INVALID_FIELD_NAME', message, { param: 'fields', field: entry });
}
