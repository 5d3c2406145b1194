import type { Doc, DocField } from '../api.ts';
import { fromInputValue, toInputValue, type InputValue } from '../field-values.ts';

/** One row of a Table field as the form edits it: the stored row's name (if saved) and its inputs. */
export interface ChildRow {
  key: string;
  name?: string;
  values: Record<string, InputValue>;
}

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

/** The fields of a child doctype a row edits. */
export function childFields(fields: DocField[]): DocField[] {
  return fields.filter((f) => !f.hidden && f.fieldtype !== 'Table');
}

/** Stored child rows as the form edits them. */
export function childRows(fields: DocField[], rows: unknown): ChildRow[] {
  if (!Array.isArray(rows)) return [];
  return (rows as Doc[]).map((row) => {
    const values: Record<string, InputValue> = {};
    for (const f of childFields(fields)) values[f.fieldname] = toInputValue(f, row[f.fieldname]);
    return { key: newKey(), name: typeof row.name === 'string' ? row.name : undefined, values };
  });
}

/** A new row: each field's default. */
export function newChildRow(fields: DocField[]): ChildRow {
  const values: Record<string, InputValue> = {};
  for (const f of childFields(fields)) values[f.fieldname] = toInputValue(f, f.default ?? null);
  return { key: newKey(), values };
}

/** The rows as the API takes them (the whole table replaces the stored one). */
export function childBody(fields: DocField[], rows: ChildRow[]): Doc[] {
  return rows.map((row, i) => {
    const body: Doc = { idx: i + 1 };
    if (row.name) body.name = row.name;
    for (const f of childFields(fields)) {
      if (f.read_only) continue;
      body[f.fieldname] = fromInputValue(f, row.values[f.fieldname] ?? toInputValue(f, null));
    }
    return body;
  });
}

/** Whether two versions of a table differ (rows added, removed, moved or edited). */
export function rowsDiffer(a: ChildRow[], b: ChildRow[]): boolean {
  if (a.length !== b.length) return true;
  return a.some((row, i) => row.name !== b[i].name || JSON.stringify(row.values) !== JSON.stringify(b[i].values));
}
