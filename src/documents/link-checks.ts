import type { Transaction } from 'kysely';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { Executor } from '../store/store.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { tableName, type DocTypeMeta } from './meta.ts';

/** Doctypes whose links never block a delete (history, kept for the record). */
const IGNORED_LINKERS = new Set(['Version']);

/** Every (doctype, Link field) that can point at documents of `doctype`. */
export function linkFieldsTo(registry: MetaRegistry, doctype: string): Array<{ meta: DocTypeMeta; fieldname: string }> {
  const out: Array<{ meta: DocTypeMeta; fieldname: string }> = [];
  for (const meta of registry.all()) {
    if (IGNORED_LINKERS.has(meta.name)) continue;
    for (const field of meta.fields) {
      if (field.fieldtype === 'Link' && field.options === doctype) out.push({ meta, fieldname: field.fieldname });
    }
  }
  return out;
}

/** Throws LINK_EXISTS when a live (not cancelled) document links to `doctype` `name` (Frappe's check_if_doc_is_linked). */
export async function assertNoLinks(db: Executor, registry: MetaRegistry, meta: DocTypeMeta, name: string): Promise<void> {
  for (const { meta: linker, fieldname } of linkFieldsTo(registry, meta.name)) {
    const columns = linker.istable ? ['name', 'parent', 'parenttype'] : ['name'];
    const row = await db
      .selectFrom(tableName(linker.name))
      .select(columns)
      .where(fieldname, '=', name)
      .where('docstatus', '!=', 2)
      .executeTakeFirst();
    if (!row) continue;
    if (linker.istable && row.parenttype === meta.name && row.parent === name) continue; // a row of the document itself
    if (!linker.istable && linker.name === meta.name && row.name === name) continue; // a self-link
    const [byDoctype, byName] = linker.istable ? [String(row.parenttype), String(row.parent)] : [linker.name, String(row.name)];
    throw new RelaisError(
      'LINK_EXISTS',
      tr`Cannot delete or cancel because ${term(meta.name)} ${name} is linked with ${term(byDoctype)} ${byName} (field ${fieldname})`,
      {
        doctype: meta.name,
        name,
        linked_doctype: byDoctype,
        linked_name: byName,
        field: fieldname,
      },
    );
  }
}

/** Rewrites every Link field that points at `doctype` `oldName` to `newName` (used by rename). */
export async function relinkDocuments(
  trx: Transaction<any>,
  registry: MetaRegistry,
  doctype: string,
  oldName: string,
  newName: string,
): Promise<void> {
  for (const { meta, fieldname } of linkFieldsTo(registry, doctype)) {
    await trx
      .updateTable(tableName(meta.name))
      .set({ [fieldname]: newName })
      .where(fieldname, '=', oldName)
      .execute();
  }
}
