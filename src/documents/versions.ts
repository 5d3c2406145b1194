import type { Transaction } from 'kysely';
import type { Doc } from './doc.ts';
import { insertRows, systemRow } from './document-rows.ts';
import { tableFields, tableName, type DocTypeMeta } from './meta.ts';

type Row = Record<string, unknown>;

/** What one write changed, in Frappe's Version `data` format, plus Relais's `action`. */
export interface VersionData {
  action: string;
  changed: Array<[string, unknown, unknown]>;
  added: Array<[string, Row]>;
  removed: Array<[string, Row]>;
  row_changed: Array<[string, number, string, Array<[string, unknown, unknown]>]>;
  /** The whole document, kept when it was deleted so nothing is lost. */
  deleted_doc?: Doc;
  renamed?: [string, string];
}

const SKIP = new Set(['modified', 'modified_by', 'creation', 'owner', 'idx', 'doctype', 'parent', 'parenttype', 'parentfield', 'name']);

function same(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function fieldChanges(meta: DocTypeMeta, before: Row, after: Row): Array<[string, unknown, unknown]> {
  const out: Array<[string, unknown, unknown]> = [];
  if (!same(before.docstatus, after.docstatus)) out.push(['docstatus', before.docstatus, after.docstatus]);
  for (const field of meta.fields) {
    if (field.fieldtype === 'Table' || field.fieldtype === 'Password' || SKIP.has(field.fieldname)) continue;
    const [a, b] = [before[field.fieldname] ?? null, after[field.fieldname] ?? null];
    if (!same(a, b)) out.push([field.fieldname, a, b]);
  }
  return out;
}

const ROW_BOOKKEEPING = new Set([
  'owner',
  'creation',
  'modified',
  'modified_by',
  'docstatus',
  'doctype',
  'parent',
  'parenttype',
  'parentfield',
]);

/** A child row as a version records it: its name, position and field values, without bookkeeping. */
function rowForVersion(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (!ROW_BOOKKEEPING.has(key) && value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

/** Compares two states of a document, child tables row by row (rows matched by name). */
export function diffDocuments(
  meta: DocTypeMeta,
  childMetas: Map<string, DocTypeMeta>,
  before: Doc,
  after: Doc,
  action: string,
): VersionData {
  const data: VersionData = { action, changed: [], added: [], removed: [], row_changed: [] };
  data.changed = fieldChanges(meta, before, after);
  for (const tf of tableFields(meta)) {
    const childMeta = childMetas.get(tf.fieldname)!;
    const oldRows = new Map(((before[tf.fieldname] as Row[] | undefined) ?? []).map((r) => [String(r.name), r]));
    for (const row of (after[tf.fieldname] as Row[] | undefined) ?? []) {
      const old = oldRows.get(String(row.name));
      if (!old) {
        data.added.push([tf.fieldname, rowForVersion(row)]);
        continue;
      }
      oldRows.delete(String(row.name));
      const changes = fieldChanges(childMeta, old, row).filter(([f]) => f !== 'docstatus');
      if (changes.length > 0) data.row_changed.push([tf.fieldname, Number(row.idx), String(row.name), changes]);
    }
    for (const removed of oldRows.values()) data.removed.push([tf.fieldname, rowForVersion(removed)]);
  }
  return data;
}

/**
 * The version of a creation: who created the document and when (the Version's owner and creation),
 * without the values. Like Frappe, which keeps no version of an insert at all, the history is a log
 * of changes: every earlier state, the first one included, is the current document with the later
 * versions' changes undone (each change keeps its old value). Writing the whole document again on
 * every insert would double what an insert writes.
 */
export function creationVersion(): VersionData {
  return { action: 'insert', changed: [], added: [], removed: [], row_changed: [] };
}

export function isEmptyDiff(data: VersionData): boolean {
  return data.changed.length + data.added.length + data.removed.length + data.row_changed.length === 0;
}

/** Stores one Version document for a write, in the write's transaction. */
export async function recordVersion(
  trx: Transaction<any>,
  doctype: string,
  docname: string,
  data: VersionData,
  user: string,
  now: string,
): Promise<void> {
  await insertRows(trx, tableName('Version'), [{ ...systemRow(user, now), ref_doctype: doctype, docname, data: JSON.stringify(data) }]);
}
