import { SYSTEM_ACTOR } from './permissions.ts';
import type { DocumentService } from './document-service.ts';
import { documentExists } from './document-rows.ts';
import { STANDARD_ROLES } from './core-doctypes.ts';
import { syncTable } from './schema-sync.ts';
import type { DocTypeMeta } from './meta.ts';
import { metaFromDoctypeDoc } from './meta-registry.ts';

const INSTALL = { ...SYSTEM_ACTOR, flags: { installing: true } };

function definitionOf(meta: DocTypeMeta): Record<string, unknown> {
  // own_rows is code-only (core doctypes' metas come from code, see permissions.ts ownRowsRule): not a DocType field.
  const { fields, permissions, own_rows: _ownRows, ...rest } = meta;
  return { ...rest, custom: 0, fields, permissions };
}

/**
 * Creates or upgrades the tables and DocType documents of every core doctype, and the standard
 * roles. Idempotent: runs on every start; a core doctype whose definition changed in code is
 * rewritten (its table gains the new columns).
 */
export async function installCoreDoctypes(service: DocumentService): Promise<void> {
  const { store, registry } = service;
  const metas = registry.coreMetas();
  for (const meta of metas) await syncTable(store.db, store.adapter, meta);
  for (const meta of metas) {
    const stored = (await documentExists(store.db, 'DocType', meta.name)) ? await service.get('DocType', meta.name, INSTALL) : undefined;
    if (!stored) {
      await service.insert(
        'DocType',
        { name: meta.name, ...definitionOf(meta) },
        { ...INSTALL, flags: { installing: true, forceName: meta.name } },
      );
    } else if (comparable(metaFromDoctypeDoc({ name: meta.name, ...definitionOf(meta) })) !== comparable(metaFromDoctypeDoc(stored))) {
      await service.update('DocType', meta.name, definitionOf(meta), INSTALL);
    }
  }
  for (const role of STANDARD_ROLES) {
    if (!(await documentExists(store.db, 'Role', role))) await service.insert('Role', { role_name: role }, INSTALL);
  }
}

/** A definition as text with empty values (null, 0, "") left out, so stored and coded forms compare equal. */
function comparable(meta: DocTypeMeta): string {
  return JSON.stringify(meta, (_key, value) => (value === null || value === 0 || value === '' ? undefined : value));
}
