import { sql } from 'kysely';
import type { Executor } from '../store/store.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';
import { CORE_DOCTYPES, DOCTYPE } from './core-doctypes.ts';
import { readDocument } from './document-rows.ts';
import { tableName, type DocField, type DocPerm, type DocTypeMeta } from './meta.ts';

const DOCFIELD_KEYS: Array<keyof DocField> = [
  'fieldname',
  'label',
  'fieldtype',
  'options',
  'reqd',
  'default',
  'unique',
  'read_only',
  'in_list_view',
  'allow_on_submit',
  'search_index',
  'hidden',
  'description',
];
const DOCPERM_KEYS: Array<keyof DocPerm> = ['role', 'read', 'write', 'create', 'delete', 'submit', 'cancel'];

function pick<T>(row: Record<string, unknown>, keys: Array<keyof T>): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (row[k as string] !== null && row[k as string] !== undefined) out[k as string] = row[k as string];
  return out as T;
}

/** Turns a stored or incoming DocType document into the meta the document layer works from. */
export function metaFromDoctypeDoc(doc: Record<string, unknown>): DocTypeMeta {
  const fields = ((doc.fields as Record<string, unknown>[] | undefined) ?? []).map((r) => pick<DocField>(r, DOCFIELD_KEYS));
  const permissions = ((doc.permissions as Record<string, unknown>[] | undefined) ?? []).map((r) => pick<DocPerm>(r, DOCPERM_KEYS));
  return {
    name: String(doc.name),
    module: (doc.module as string) ?? null,
    is_submittable: Number(doc.is_submittable ?? 0),
    istable: Number(doc.istable ?? 0),
    autoname: (doc.autoname as string) ?? null,
    title_field: (doc.title_field as string) ?? null,
    sort_field: (doc.sort_field as string) ?? null,
    sort_order: (doc.sort_order as string) ?? null,
    description: (doc.description as string) ?? null,
    custom: Number(doc.custom ?? 1),
    restricted: Number(doc.restricted ?? 0),
    fields,
    permissions,
  };
}

/**
 * Every doctype's meta, in memory. Core doctypes come from code; custom ones are read from
 * `tabDocType` at start and replaced whenever a DocType document is written (see doctype-controller).
 * A doctype unknown here is looked up in the database once before DOCTYPE_NOT_FOUND, so a DocType
 * created by another process becomes visible.
 */
export class MetaRegistry {
  private readonly metas = new Map<string, DocTypeMeta>();
  /** `max(modified)|count` of custom DocTypes when last read, and when that was (ms). */
  private signature = '';
  private checkedAt = 0;

  constructor() {
    for (const meta of CORE_DOCTYPES) this.metas.set(meta.name, meta);
  }

  /** Registers a doctype defined in code by another part (e.g. notifications); call before install. */
  registerCore(meta: DocTypeMeta): void {
    this.metas.set(meta.name, { ...meta, custom: 0 });
  }

  coreMetas(): DocTypeMeta[] {
    return [...this.metas.values()].filter((m) => !m.custom);
  }

  all(): DocTypeMeta[] {
    return [...this.metas.values()];
  }

  peek(doctype: string): DocTypeMeta | undefined {
    return this.metas.get(doctype);
  }

  set(meta: DocTypeMeta): void {
    this.metas.set(meta.name, meta);
  }

  remove(doctype: string): void {
    this.metas.delete(doctype);
  }

  /** The meta of `doctype`; throws DOCTYPE_NOT_FOUND when no such doctype exists. */
  async get(db: Executor, doctype: string): Promise<DocTypeMeta> {
    const known = this.metas.get(doctype);
    if (known) return known;
    const loaded = await this.loadCustom(db, doctype);
    if (loaded) return loaded;
    throw new RelaisError('DOCTYPE_NOT_FOUND', tr`DocType ${JSON.stringify(doctype.slice(0, 140))} not found`, { doctype });
  }

  /** Loads every custom DocType from the database (at start, and when another process changed one). */
  async loadAll(db: Executor): Promise<void> {
    this.signature = await this.readSignature(db);
    this.checkedAt = Date.now();
    for (const meta of this.all()) if (meta.custom) this.metas.delete(meta.name);
    const rows = await db.selectFrom(tableName('DocType')).select('name').where('custom', '=', 1).execute();
    for (const row of rows) await this.loadCustom(db, String(row.name));
  }

  /**
   * Reloads the custom DocTypes when another process (several servers or workers on one PostgreSQL
   * database) changed one. Checks at most once every `intervalMs`, with one small query.
   */
  async refreshIfStale(db: Executor, intervalMs = 1000): Promise<void> {
    if (Date.now() - this.checkedAt < intervalMs) return;
    this.checkedAt = Date.now();
    if ((await this.readSignature(db)) !== this.signature) await this.loadAll(db);
  }

  private async readSignature(db: Executor): Promise<string> {
    const row = await db
      .selectFrom(tableName('DocType'))
      .select([sql<string>`max(modified)`.as('latest'), sql<number>`count(*)`.as('count')])
      .where('custom', '=', 1)
      .executeTakeFirst();
    return `${row?.latest ?? ''}|${Number(row?.count ?? 0)}`;
  }

  private async loadCustom(db: Executor, doctype: string): Promise<DocTypeMeta | undefined> {
    const doc = await readDocument(db, this, DOCTYPE, doctype);
    if (!doc || !doc.custom) return undefined;
    const meta = metaFromDoctypeDoc(doc);
    this.metas.set(meta.name, meta);
    return meta;
  }
}
