import { term, tr, type Text } from '../../i18n/text.ts';
import { didYouMean } from '../did-you-mean.ts';
import { CHILD_FIELDS, columnFields, isColumn, STANDARD_FIELDS, type DocTypeMeta } from '../meta.ts';

/** A field reference as a client spelled it, once checked against the doctype. */
export type FieldRef =
  | { ok: true; field: string }
  | { ok: false; reason: 'syntax'; text: string }
  | { ok: false; reason: 'unknown'; text: string; field: string }
  | { ok: false; reason: 'other-doctype'; text: string; doctype: string };

const IDENTIFIER = /^[A-Za-z0-9_]+$/;
/** Aliases a client may give a selected field (`field as alias`). */
export const SAFE_ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Every stored column of the doctype, standard ones first, in table order. */
export function columnNames(meta: DocTypeMeta): string[] {
  const names: string[] = [...STANDARD_FIELDS];
  if (meta.istable) names.push(...CHILD_FIELDS);
  for (const f of columnFields(meta)) if (!names.includes(f.fieldname)) names.push(f.fieldname);
  return names;
}

/** Strips one pair of backticks or double quotes around an identifier. */
export function unquote(text: string): string {
  const m = /^`([^`]*)`$/.exec(text) ?? /^"([^"]*)"$/.exec(text);
  return m ? m[1] : text;
}

/**
 * Splits Frappe's `tabDocType.field` / "`tabDocType`.`field`" spelling into doctype and field;
 * returns undefined when `text` has no table prefix.
 */
export function splitTablePrefix(text: string): { doctype: string; field: string } | undefined {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const table = unquote(text.slice(0, dot).trim());
  if (!table.startsWith('tab')) return undefined;
  return { doctype: table.slice(3), field: text.slice(dot + 1).trim() };
}

/** Resolves a client's field spelling to a stored column of `meta`, or says why it is not one. */
export function resolveField(meta: DocTypeMeta, raw: unknown): FieldRef {
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  if (typeof raw !== 'string') return { ok: false, reason: 'syntax', text };
  let part = text;
  const prefixed = splitTablePrefix(text);
  if (prefixed) {
    if (prefixed.doctype !== meta.name) return { ok: false, reason: 'other-doctype', text, doctype: prefixed.doctype };
    part = prefixed.field;
  }
  const field = unquote(part);
  if (!IDENTIFIER.test(field)) return { ok: false, reason: 'syntax', text };
  if (!isColumn(meta, field)) return { ok: false, reason: 'unknown', text, field };
  return { ok: true, field };
}

/** A sentence saying why a failed reference is not a column of `meta`, with a did-you-mean. */
export function describeBadField(meta: DocTypeMeta, ref: Exclude<FieldRef, { ok: true }>): Text {
  if (ref.reason === 'other-doctype') {
    return tr`"${ref.text}" refers to doctype "${ref.doctype}", not "${term(meta.name)}"`;
  }
  if (ref.reason === 'syntax') return tr`"${ref.text}" is not a valid field name`;
  const suggestion = suggestField(meta, ref.field);
  return suggestion
    ? tr`unknown field "${ref.field}" in ${term(meta.name)} (did you mean "${suggestion}"?)`
    : tr`unknown field "${ref.field}" in ${term(meta.name)}`;
}

/** The closest column name to a misspelled `name`, when one is close enough. */
export function suggestField(meta: DocTypeMeta, name: string): string | undefined {
  return didYouMean(name, columnNames(meta));
}
