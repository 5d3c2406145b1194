import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';
import { writeTimestamp, type ActContext } from './doc.ts';
import { documentExists, readDocument } from './document-rows.ts';
import type { DocumentService } from './document-service.ts';
import { relinkDocuments } from './link-checks.ts';
import { tableFields, tableName } from './meta.ts';
import { validateName } from './naming.ts';
import { duplicateName, notFound } from './write-checks.ts';
import { renameSecrets } from './document-secrets.ts';
import { assertCan } from './permissions.ts';
import { recordVersion } from './versions.ts';

/**
 * Frappe's `rename_doc`: gives a document a new name and rewrites its child rows, every Link field
 * pointing at it and its version history. `merge` (folding into an existing document) is refused.
 */
export async function renameDocument(
  service: DocumentService,
  doctype: string,
  oldName: string,
  newNameRaw: unknown,
  merge: boolean,
  ctx: ActContext,
): Promise<string> {
  const meta = await service.metaOf(doctype, ctx);
  assertCan(ctx, meta, 'write', oldName);
  const newName = validateName(doctype, newNameRaw);
  if (merge) {
    throw new RelaisError('BAD_REQUEST', tr`rename_doc: merge is not supported; rename to a name that is not taken`, {
      doctype,
      field: 'merge',
    });
  }
  if (newName === oldName) return oldName;
  return service.store.transaction(ctx.trx, async (trx) => {
    const doc = await readDocument(trx, service.registry, meta, oldName, service.store.adapter.supportsRowLocks);
    if (!doc) throw notFound(doctype, oldName);
    if (await documentExists(trx, doctype, newName)) throw duplicateName(doctype, newName);
    const base = { action: 'rename' as const, doctype, meta, doc, docBefore: doc, user: ctx.user, trx, flags: ctx.flags ?? {} };
    await service.hooks.emit({ ...base, event: 'before_rename' });
    const now = writeTimestamp();
    await trx
      .updateTable(tableName(doctype))
      .set({ name: newName, modified: now, modified_by: ctx.user })
      .where('name', '=', oldName)
      .execute();
    for (const child of new Set(tableFields(meta).map((tf) => tf.options ?? ''))) {
      await trx
        .updateTable(tableName(child))
        .set({ parent: newName })
        .where('parent', '=', oldName)
        .where('parenttype', '=', doctype)
        .execute();
    }
    await relinkDocuments(trx, service.registry, doctype, oldName, newName);
    await renameSecrets(trx, doctype, oldName, newName);
    await trx
      .updateTable(tableName('Version'))
      .set({ docname: newName })
      .where('ref_doctype', '=', doctype)
      .where('docname', '=', oldName)
      .execute();
    await recordVersion(
      trx,
      doctype,
      newName,
      { action: 'rename', changed: [], added: [], removed: [], row_changed: [], renamed: [oldName, newName] },
      ctx.user,
      now,
    );
    const renamed = (await readDocument(trx, service.registry, meta, newName))!;
    await service.hooks.emit({ ...base, doc: renamed, event: 'after_rename' });
    return newName;
  });
}
