import type { Transaction } from 'kysely';
import { executeCached } from '../store/compiled-queries.ts';
import { hashName } from './naming.ts';
import type { Executor } from '../store/store.ts';
import type { Doc } from './doc.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { CHILD_FIELDS, STANDARD_FIELDS, columnFields, tableFields, tableName, type DocTypeMeta } from './meta.ts';

type Row = Record<string, unknown>;

/** The columns of a document (or child row) as stored: JSON values become text. */
export function toRow(meta: DocTypeMeta, doc: Row): Row {
  const row: Row = {};
  for (const f of STANDARD_FIELDS) row[f] = doc[f] ?? null;
  if (meta.istable) for (const f of CHILD_FIELDS) row[f] = doc[f] ?? null;
  for (const field of columnFields(meta)) {
    const value = doc[field.fieldname];
    row[field.fieldname] = field.fieldtype === 'JSON' && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
  }
  return row;
}

/** A stored row as the API shows it: JSON text parsed, the doctype named. */
export function fromRow(meta: DocTypeMeta, row: Row): Row {
  const out: Row = { ...row };
  for (const field of columnFields(meta)) {
    if (field.fieldtype === 'JSON' && typeof out[field.fieldname] === 'string') {
      try {
        out[field.fieldname] = JSON.parse(out[field.fieldname] as string);
      } catch {
        // Written by something other than Relais: show the text as it is.
      }
    }
  }
  out.doctype = meta.name;
  return out;
}

/**
 * Reads one document with its child rows, or undefined when it does not exist. `lock` takes a row
 * lock until the transaction ends (where the database has them), so concurrent writers of the same
 * document queue instead of overwriting each other.
 */
export async function readDocument(
  db: Executor,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  name: string,
  lock = false,
): Promise<Doc | undefined> {
  const table = tableName(meta.name);
  const parent = await executeCached<Row>(
    db,
    `read\u0000${table}\u0000${lock}`,
    () => {
      const query = db.selectFrom(table).selectAll().where('name', '=', name);
      return lock ? query.forUpdate() : query;
    },
    [name],
  );
  const row = parent.rows[0];
  if (!row) return undefined;
  const doc = fromRow(meta, row);
  for (const tf of tableFields(meta)) {
    const childMeta = await registry.get(db, tf.options ?? '');
    const childTable = tableName(childMeta.name);
    const rows = await executeCached<Row>(
      db,
      `children\u0000${childTable}`,
      () =>
        db
          .selectFrom(childTable)
          .selectAll()
          .where('parent', '=', name)
          .where('parenttype', '=', meta.name)
          .where('parentfield', '=', tf.fieldname)
          .orderBy('idx'),
      [name, meta.name, tf.fieldname],
    );
    doc[tf.fieldname] = rows.rows.map((r) => fromRow(childMeta, r));
  }
  return doc as Doc;
}

/** The standard fields of a row Relais writes for itself (versions, outbox rows, bells), named at random. */
export function systemRow(user: string, now: string): Row {
  return { name: hashName(), owner: user, creation: now, modified: now, modified_by: user, docstatus: 0, idx: 0 };
}

/** Inserts rows that all have the same columns, in one statement. */
export async function insertRows(trx: Transaction<any>, table: string, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0]);
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of columns) parameters.push(row[column]);
  const key = `insert\u0000${table}\u0000${rows.length}\u0000${columns.join('\u0000')}`;
  await executeCached(trx, key, () => trx.insertInto(table).values(rows), parameters);
}

/** True when a document of `doctype` named `name` exists. */
export async function documentExists(db: Executor, doctype: string, name: string): Promise<boolean> {
  const table = tableName(doctype);
  const result = await executeCached(db, `exists\u0000${table}`, () => db.selectFrom(table).select('name').where('name', '=', name), [
    name,
  ]);
  return result.rows.length > 0;
}

async function insertChildRows(trx: Transaction<any>, registry: MetaRegistry, meta: DocTypeMeta, doc: Doc): Promise<void> {
  for (const tf of tableFields(meta)) {
    const rows = (doc[tf.fieldname] as Row[] | undefined) ?? [];
    if (rows.length === 0) continue;
    const childMeta = await registry.get(trx, tf.options ?? '');
    await insertRows(
      trx,
      tableName(childMeta.name),
      rows.map((r) => toRow(childMeta, r)),
    );
  }
}

/** Inserts a new document's row and its child rows. */
export async function insertDocumentRows(trx: Transaction<any>, registry: MetaRegistry, meta: DocTypeMeta, doc: Doc): Promise<void> {
  await insertRows(trx, tableName(meta.name), [toRow(meta, doc)]);
  await insertChildRows(trx, registry, meta, doc);
}

/**
 * Rewrites an existing document's row, and the child tables named in `tables` (their rows are
 * replaced; kept rows keep their names). Child tables that did not change are left alone.
 */
export async function updateDocumentRows(
  trx: Transaction<any>,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  doc: Doc,
  tables: ReadonlySet<string>,
): Promise<void> {
  const { name: _name, ...values } = toRow(meta, doc);
  const table = tableName(meta.name);
  await executeCached(
    trx,
    `update\u0000${table}\u0000${Object.keys(values).join('\u0000')}`,
    () => trx.updateTable(table).set(values).where('name', '=', doc.name),
    [...Object.values(values), doc.name],
  );
  for (const tf of tableFields(meta).filter((f) => tables.has(f.fieldname))) {
    const childMeta = await registry.get(trx, tf.options ?? '');
    await trx
      .deleteFrom(tableName(childMeta.name))
      .where('parent', '=', doc.name)
      .where('parenttype', '=', meta.name)
      .where('parentfield', '=', tf.fieldname)
      .execute();
    const rows = (doc[tf.fieldname] as Row[] | undefined) ?? [];
    if (rows.length > 0)
      await insertRows(
        trx,
        tableName(childMeta.name),
        rows.map((r) => toRow(childMeta, r)),
      );
  }
}

/** Deletes every child row of a document. */
export async function deleteChildRows(trx: Transaction<any>, registry: MetaRegistry, meta: DocTypeMeta, name: string): Promise<void> {
  const childDoctypes = new Set(tableFields(meta).map((tf) => tf.options ?? ''));
  for (const child of childDoctypes) {
    const childMeta = await registry.get(trx, child);
    await trx.deleteFrom(tableName(childMeta.name)).where('parent', '=', name).where('parenttype', '=', meta.name).execute();
  }
}

/** Deletes a document's row and its child rows. */
export async function deleteDocumentRows(trx: Transaction<any>, registry: MetaRegistry, meta: DocTypeMeta, name: string): Promise<void> {
  await deleteChildRows(trx, registry, meta, name);
  await trx.deleteFrom(tableName(meta.name)).where('name', '=', name).execute();
}
