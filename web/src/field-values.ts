import type { Doc, DocField } from './api.ts';

/** What a form input holds: text for most fields, a boolean for a checkbox. */
export type InputValue = string | boolean;

const NUMBER_TYPES = new Set(['Int', 'Float', 'Currency', 'Percent']);

/** Fields a form edits (Table rows are shown read-only for now). */
export function isEditable(field: DocField): boolean {
  return !field.read_only && field.fieldtype !== 'Table';
}

/** A stored value as its input shows it. */
export function toInputValue(field: DocField, value: unknown): InputValue {
  if (field.fieldtype === 'Check') return Boolean(Number(value));
  if (value === null || value === undefined) return '';
  if (field.fieldtype === 'Datetime') return String(value).replace('T', ' ').slice(0, 19); // as stored: 2026-12-31 14:05:00
  return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
}

/** An input's content as the API expects it. */
export function fromInputValue(field: DocField, input: InputValue): unknown {
  if (field.fieldtype === 'Check') return input ? 1 : 0;
  const text = String(input);
  if (NUMBER_TYPES.has(field.fieldtype)) {
    if (text.trim() === '') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : text; // the server says what is wrong with it
  }
  if (field.fieldtype === 'Datetime' && text) {
    const stored = text.replace('T', ' ');
    return stored.length === 16 ? `${stored}:00` : stored;
  }
  return text === '' ? null : text;
}

/** The inputs of a new document: each field's default. */
export function defaultInputs(fields: DocField[]): Record<string, InputValue> {
  const inputs: Record<string, InputValue> = {};
  for (const f of fields) if (f.fieldtype !== 'Table') inputs[f.fieldname] = toInputValue(f, f.default ?? null);
  return inputs;
}

/** The inputs showing a stored document. */
export function docInputs(fields: DocField[], doc: Doc): Record<string, InputValue> {
  const inputs: Record<string, InputValue> = {};
  for (const f of fields) if (f.fieldtype !== 'Table') inputs[f.fieldname] = toInputValue(f, doc[f.fieldname]);
  return inputs;
}

/** The body to save: every editable field for a new document, only the changed ones otherwise. */
export function saveBody(fields: DocField[], inputs: Record<string, InputValue>, initial?: Record<string, InputValue>): Doc {
  const body: Doc = {};
  for (const f of fields) {
    if (!isEditable(f)) continue;
    const input = inputs[f.fieldname] ?? toInputValue(f, null);
    if (initial && initial[f.fieldname] === input) continue;
    const value = fromInputValue(f, input);
    if (!initial && value === null) continue;
    body[f.fieldname] = value;
  }
  return body;
}
