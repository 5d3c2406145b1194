import { RelaisError } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { Executor } from '../store/store.ts';
import { hashName } from './naming.ts';
import type { Doc } from './doc.ts';
import { suggestion } from './did-you-mean.ts';
import { coerceFieldValue, defaultValue, describeRow, type FieldLocation } from './field-values.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { CHILD_FIELDS, STANDARD_FIELDS, findField, tableFields, type DocTypeMeta } from './meta.ts';

type Row = Record<string, unknown>;

/** Keys a client may send that are not fields: standard fields (set by Relais) and Frappe's `__` flags. */
const IGNORED_KEYS = new Set<string>([...STANDARD_FIELDS, ...CHILD_FIELDS, 'doctype']);

/** The child doctypes' metas of a doctype, by table fieldname. */
export async function childMetasOf(db: Executor, registry: MetaRegistry, meta: DocTypeMeta): Promise<Map<string, DocTypeMeta>> {
  const out = new Map<string, DocTypeMeta>();
  for (const tf of tableFields(meta)) out.set(tf.fieldname, await registry.get(db, tf.options ?? ''));
  return out;
}

/** What applying client input produced besides the document itself. */
export interface AppliedInput {
  /** Values of Password fields: never stored on the document, hashed by the service. */
  passwords: Record<string, string>;
}

function unknownField(meta: DocTypeMeta, key: string, where: { tablefield?: string; row?: number; parentDoctype: string }): RelaisError {
  const place = where.tablefield ? rowOf(where.parentDoctype, where.tablefield, where.row) : term(meta.name);
  const hint = suggestion(
    key,
    meta.fields.map((f) => f.fieldname),
  );
  return new RelaisError('UNKNOWN_FIELD', tr`${place}: unknown field "${key.slice(0, 80)}".${hint}`, {
    doctype: where.parentDoctype,
    field: key,
    tablefield: where.tablefield,
    row: where.row,
    child_doctype: where.tablefield ? meta.name : undefined,
  });
}

/** A row of a document's child table, for error messages: `Issue: items row 2`. */
function rowOf(doctype: string, tablefield: string, row: number | undefined): Text {
  return tr`${term(doctype)}: ${describeRow(tablefield, row)}`;
}

function assertObject(value: unknown, what: Text, details: Row): asserts value is Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RelaisError('INVALID_VALUE', tr`${what} must be an object`, details);
  }
}

/**
 * Applies client input onto `target` (a new document or a copy of the stored one): rejects unknown
 * fields, coerces values by field type, replaces child tables (rows sent with an existing `name`
 * keep that name and their creation time). Only keys present in `input` change.
 */
export function applyInput(
  meta: DocTypeMeta,
  childMetas: Map<string, DocTypeMeta>,
  target: Doc,
  input: Row,
  now: string,
  user: string,
): AppliedInput {
  const passwords: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (IGNORED_KEYS.has(key) || key.startsWith('__') || key.startsWith('_')) continue;
    const field = findField(meta, key);
    if (!field) throw unknownField(meta, key, { parentDoctype: meta.name });
    const loc: FieldLocation = { doctype: meta.name, fieldname: key };
    if (field.fieldtype === 'Password') {
      if (value !== null && value !== undefined && value !== '') {
        if (typeof value !== 'string')
          throw new RelaisError('INVALID_VALUE', tr`${term(meta.name)}: ${key} must be text`, { doctype: meta.name, field: key });
        passwords[key] = value;
      }
      continue;
    }
    if (field.fieldtype === 'Table') {
      const rows = coerceFieldValue(field, value ?? [], loc) as unknown[];
      const childMeta = childMetas.get(key)!;
      const existing = new Map(((target[key] as Row[] | undefined) ?? []).map((r) => [String(r.name), r]));
      target[key] = rows.map((raw, i) => buildChildRow(childMeta, meta, key, raw, i, existing, target, now, user));
      continue;
    }
    target[key] = coerceFieldValue(field, value, loc);
  }
  return { passwords };
}

function buildChildRow(
  childMeta: DocTypeMeta,
  parentMeta: DocTypeMeta,
  tablefield: string,
  raw: unknown,
  index: number,
  existing: Map<string, Row>,
  parent: Doc,
  now: string,
  user: string,
): Row {
  const rowNumber = index + 1;
  assertObject(raw, rowOf(parentMeta.name, tablefield, rowNumber), { doctype: parentMeta.name, field: tablefield, row: rowNumber });
  const previous = typeof raw.name === 'string' ? existing.get(raw.name) : undefined;
  const row: Row = previous ? { ...previous } : newRowDefaults(childMeta, now);
  for (const [key, value] of Object.entries(raw)) {
    if (IGNORED_KEYS.has(key) || key.startsWith('__') || key.startsWith('_')) continue;
    const field = findField(childMeta, key);
    if (!field || field.fieldtype === 'Table' || field.fieldtype === 'Password') {
      throw unknownField(childMeta, key, { parentDoctype: parentMeta.name, tablefield, row: rowNumber });
    }
    row[key] = coerceFieldValue(field, value, { doctype: parentMeta.name, fieldname: key, row: rowNumber, tablefield });
  }
  Object.assign(row, {
    name: previous ? previous.name : hashName(),
    owner: previous ? previous.owner : user,
    creation: previous ? previous.creation : now,
    modified: now,
    modified_by: user,
    docstatus: parent.docstatus,
    idx: rowNumber,
    parent: parent.name,
    parenttype: parentMeta.name,
    parentfield: tablefield,
    doctype: childMeta.name,
  });
  return row;
}

function newRowDefaults(meta: DocTypeMeta, now: string): Row {
  const date = new Date(`${now.slice(0, 10)}T${now.slice(11, 23)}Z`);
  const row: Row = {};
  for (const field of meta.fields) {
    if (field.fieldtype === 'Password') continue;
    row[field.fieldname] = defaultValue(field, date);
  }
  return row;
}

/** A blank document of `meta` with its defaults, before client input is applied. */
export function newDocument(meta: DocTypeMeta, now: string, user: string): Doc {
  const doc = newRowDefaults(meta, now) as Doc;
  Object.assign(doc, {
    name: '',
    owner: user,
    creation: now,
    modified: now,
    modified_by: user,
    docstatus: 0,
    idx: 0,
    doctype: meta.name,
  });
  return doc;
}

/** Points child rows at their parent's (final) name and docstatus, after naming or a docstatus change. */
export function linkChildRows(meta: DocTypeMeta, doc: Doc): void {
  for (const tf of tableFields(meta)) {
    for (const row of (doc[tf.fieldname] as Row[] | undefined) ?? []) {
      row.parent = doc.name;
      row.docstatus = doc.docstatus;
    }
  }
}
