import type { Transaction } from 'kysely';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { DialectAdapter } from '../store/dialect-adapter.ts';
import type { Doc } from './doc.ts';
import type { WriteAction } from './hook-bus.ts';
import { tableFields, tableName, type DocTypeMeta } from './meta.ts';
import { parseAutoname } from './naming.ts';
import { diffDocuments, type VersionData } from './versions.ts';

/** The rules a write checks besides field values: uniqueness, timestamps, what a submitted document allows. */

export function notFound(doctype: string, name: string): RelaisError {
  return new RelaisError('DOCUMENT_NOT_FOUND', tr`${term(doctype)} ${JSON.stringify(String(name).slice(0, 140))} not found`, {
    doctype,
    name,
  });
}

export function duplicateName(doctype: string, name: string): RelaisError {
  return new RelaisError('DUPLICATE_NAME', tr`${term(doctype)} ${JSON.stringify(name)} already exists`, { doctype, name, field: 'name' });
}

/** Throws UNIQUE_VIOLATION when another document holds the value of one of `doc`'s unique fields. */
export async function assertUnique(trx: Transaction<any>, meta: DocTypeMeta, doc: Doc): Promise<void> {
  for (const field of meta.fields) {
    const value = doc[field.fieldname];
    if (!field.unique || value === null || value === undefined || value === '') continue;
    const other = await trx
      .selectFrom(tableName(meta.name))
      .select('name')
      .where(field.fieldname, '=', value)
      .where('name', '!=', doc.name)
      .executeTakeFirst();
    if (other) {
      throw new RelaisError(
        'UNIQUE_VIOLATION',
        tr`${term(meta.name)}: ${term(field.label || field.fieldname)} ${JSON.stringify(value)} is already used by ${other.name}`,
        {
          doctype: meta.name,
          field: field.fieldname,
          value,
          existing: other.name,
        },
      );
    }
  }
}

/**
 * A unique index refused the write: another writer took the name or value between our check and
 * our write (or a generated name collided). Returns the error to throw; other errors pass through.
 */
export function uniqueViolation(adapter: DialectAdapter, err: unknown, meta: DocTypeMeta, doc: Doc): unknown {
  if (!adapter.isUniqueViolation(err)) return err;
  const column = adapter.uniqueViolationColumn(err);
  const field = column && column !== 'name' ? meta.fields.find((f) => f.fieldname === column) : undefined;
  if (!field) return duplicateName(meta.name, doc.name);
  return new RelaisError(
    'UNIQUE_VIOLATION',
    tr`${term(meta.name)}: ${term(field.label || field.fieldname)} ${JSON.stringify(doc[field.fieldname])} is already used by another document`,
    { doctype: meta.name, field: field.fieldname, value: doc[field.fieldname] },
  );
}

/**
 * The child tables an update must rewrite: those the client sent (their rows get a new `modified`),
 * those a hook changed, and all of them when the docstatus (copied onto every row) changed.
 */
export function tablesToRewrite(
  meta: DocTypeMeta,
  input: Record<string, unknown>,
  diff: VersionData,
  docstatusChanged: boolean,
): Set<string> {
  const tables = tableFields(meta).map((f) => f.fieldname);
  if (docstatusChanged) return new Set(tables);
  const changed = new Set<string>([...diff.added, ...diff.removed, ...diff.row_changed].map((entry) => entry[0]));
  return new Set(tables.filter((t) => t in input || changed.has(t)));
}

/** Whether Relais picked the name (hash or series) rather than the client or a field. */
export function nameWasGenerated(meta: DocTypeMeta, input: Record<string, unknown>): boolean {
  const rule = parseAutoname(meta.autoname);
  const requested = input.name ?? input.__newname;
  return rule.kind === 'series' || (rule.kind === 'hash' && (requested === undefined || requested === null || requested === ''));
}

/** Frappe's `check_if_latest`: a client that sends `modified` must have read the latest version. */
export function checkTimestamp(meta: DocTypeMeta, before: Doc, input: Record<string, unknown>): void {
  if (input.modified === undefined || input.modified === null || input.modified === before.modified) return;
  throw new RelaisError(
    'TIMESTAMP_MISMATCH',
    tr`${term(meta.name)} ${before.name} has been modified after you opened it (yours: ${String(input.modified)}, stored: ${String(before.modified)}). Reload it and try again`,
    {
      doctype: meta.name,
      name: before.name,
      field: 'modified',
    },
  );
}

/** On a submitted document only fields marked `allow_on_submit` may change (and none while cancelling). */
export function assertOnlyAllowedOnSubmit(
  meta: DocTypeMeta,
  childMetas: Map<string, DocTypeMeta>,
  before: Doc,
  after: Doc,
  action: WriteAction,
): void {
  const diff = diffDocuments(meta, childMetas, before, after, action);
  const changed = diff.changed.map(([f]) => f).filter((f) => f !== 'docstatus');
  const notAllowed = changed.filter((f) => !meta.fields.find((x) => x.fieldname === f)?.allow_on_submit);
  const tables = [...diff.added, ...diff.removed]
    .map(([tf]) => tf)
    .concat(diff.row_changed.map(([tf]) => tf))
    .filter((tf) => !meta.fields.find((x) => x.fieldname === tf)?.allow_on_submit);
  const fields = [...new Set([...notAllowed, ...tables])];
  if (fields.length === 0) return;
  throw new RelaisError(
    'UPDATE_AFTER_SUBMIT',
    tr`${term(meta.name)} ${before.name} is submitted: not allowed to change ${fields.join(', ')} after submission`,
    {
      doctype: meta.name,
      name: before.name,
      field: fields[0],
      fields,
    },
  );
}
