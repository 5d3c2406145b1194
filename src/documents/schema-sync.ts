import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DialectAdapter } from '../store/dialect-adapter.ts';
import type { Executor } from '../store/store.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import { columnClassOf, columnFields, tableName, type DocTypeMeta } from './meta.ts';

/** Standard columns of every document table, then those only child rows have. */
const STANDARD_COLUMNS: Array<[string, 'text' | 'integer']> = [
  ['owner', 'text'],
  ['creation', 'text'],
  ['modified', 'text'],
  ['modified_by', 'text'],
  ['docstatus', 'integer'],
  ['idx', 'integer'],
];
const CHILD_COLUMNS: Array<[string, 'text']> = [
  ['parent', 'text'],
  ['parenttype', 'text'],
  ['parentfield', 'text'],
];

/** A short index name, unique per table and columns, within PostgreSQL's 63-character limit. */
function indexName(table: string, columns: string[]): string {
  const digest = crypto
    .createHash('sha1')
    .update(`${table}\u0000${columns.join('\u0000')}`)
    .digest('hex')
    .slice(0, 10);
  const readable = `${table}_${columns.join('_')}`
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40);
  return `ix_${readable}_${digest}`;
}

/**
 * Creates the doctype's table, or adds the columns and indexes it lacks. Never drops or retypes a
 * column: removing a field from a DocType keeps its data, so adding the field back restores it.
 */
export async function syncTable(db: Executor, adapter: DialectAdapter, meta: DocTypeMeta): Promise<void> {
  const table = tableName(meta.name);
  const existing = new Set(await adapter.listColumns(db, table));
  const wanted: Array<[string, string]> = [
    ...STANDARD_COLUMNS.map(([n, c]) => [n, adapter.columnType(c)] as [string, string]),
    ...(meta.istable ? CHILD_COLUMNS.map(([n, c]) => [n, adapter.columnType(c)] as [string, string]) : []),
    ...columnFields(meta).map((f) => [f.fieldname, adapter.columnType(columnClassOf(f.fieldtype) as 'text')] as [string, string]),
  ];
  if (existing.size === 0) {
    let builder = db.schema.createTable(table).addColumn('name', 'text', (c) => c.primaryKey());
    for (const [column, type] of wanted) builder = builder.addColumn(column, sql.raw(type));
    await builder.execute();
  } else {
    for (const [column, type] of wanted) {
      if (existing.has(column)) continue;
      // Numbers default to 0 like Frappe's, so documents saved before the field existed read 0, not null.
      const numeric = type !== adapter.columnType('text');
      await db.schema
        .alterTable(table)
        .addColumn(column, sql.raw(type), (c) => (numeric ? c.defaultTo(0) : c))
        .execute();
    }
  }
  await ensureIndexes(db, meta);
}

async function ensureIndexes(db: Executor, meta: DocTypeMeta): Promise<void> {
  const table = tableName(meta.name);
  // Documents are listed by `modified` (Frappe's default order); child rows are only read by parent.
  const plain: string[][] = meta.istable ? [['parent']] : [['modified']];
  // An indexed field gets (field, modified): it serves `field = ?` lookups as a one-column index
  // would, and also the default list order, so a filtered page of 20 reads 20 index entries
  // instead of sorting every match.
  for (const f of meta.fields) {
    if (f.search_index && !f.unique && columnClassOf(f.fieldtype) !== 'none') plain.push([f.fieldname, 'modified']);
  }
  for (const columns of plain) {
    await db.schema.createIndex(indexName(table, columns)).ifNotExists().on(table).columns(columns).execute();
  }
  for (const f of meta.fields.filter((x) => x.unique && columnClassOf(x.fieldtype) !== 'none')) {
    try {
      await db.schema
        .createIndex(indexName(table, [f.fieldname]))
        .ifNotExists()
        .unique()
        .on(table)
        .column(f.fieldname)
        .execute();
    } catch (err) {
      throw new RelaisError(
        'INVALID_DOCTYPE_DEFINITION',
        tr`${term(meta.name)}: ${f.fieldname} cannot be made unique, existing documents share a value`,
        { doctype: meta.name, field: f.fieldname, cause: String((err as Error).message ?? err) },
      );
    }
  }
}

/** Drops a doctype's table (only used when its DocType is deleted, and only when it holds no documents). */
export async function dropTable(db: Executor, meta: DocTypeMeta): Promise<void> {
  await db.schema.dropTable(tableName(meta.name)).ifExists().execute();
}
