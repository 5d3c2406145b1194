import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';
import { validateDefinition } from './doctype-definition.ts';
import type { HookBus, HookContext } from './hook-bus.ts';
import { metaFromDoctypeDoc, type MetaRegistry } from './meta-registry.ts';
import { tableName } from './meta.ts';
import { dropTable, syncTable } from './schema-sync.ts';

/**
 * Makes DocType documents define document types: checks a definition when it is saved, creates or
 * extends its table, keeps the meta registry in step (undone if the transaction rolls back), and
 * refuses to delete a DocType that still has documents or is pointed at by another.
 */
export function registerDoctypeController(bus: HookBus, store: Store, registry: MetaRegistry): void {
  const guardCore = (ctx: HookContext, action: 'change' | 'delete') => {
    const isCore = ctx.docBefore ? !ctx.docBefore.custom : registry.peek(ctx.doc.name)?.custom === 0;
    if (isCore && !ctx.flags.installing) {
      const doctype = term(ctx.doc.name);
      const message =
        action === 'change'
          ? tr`DocType ${doctype} is part of Relais and cannot be changed`
          : tr`DocType ${doctype} is part of Relais and cannot be deleted`;
      throw new RelaisError('CORE_DOCTYPE_READ_ONLY', message, { doctype: 'DocType', name: ctx.doc.name });
    }
  };

  bus.on(
    'validate',
    async (ctx) => {
      guardCore(ctx, 'change');
      if (ctx.flags.installing) return; // core definitions are code, checked by their tests
      ctx.doc.custom = 1;
      const previous = ctx.docBefore ? metaFromDoctypeDoc(ctx.docBefore) : undefined;
      await validateDefinition(ctx.trx, registry, metaFromDoctypeDoc(ctx.doc), previous);
    },
    { doctype: 'DocType' },
  );

  bus.on(
    'on_update',
    async (ctx) => {
      const meta = ctx.flags.installing ? (registry.peek(ctx.doc.name) ?? metaFromDoctypeDoc(ctx.doc)) : metaFromDoctypeDoc(ctx.doc);
      await syncTable(ctx.trx, store.adapter, meta);
      if (meta.custom) {
        registry.set(meta);
        store.onRollback(ctx.trx, () => registry.remove(meta.name));
      }
    },
    { doctype: 'DocType' },
  );

  bus.on(
    'on_trash',
    async (ctx) => {
      guardCore(ctx, 'delete');
      const name = ctx.doc.name;
      const user = registry
        .all()
        .find((m) => m.name !== name && m.fields.some((f) => (f.fieldtype === 'Link' || f.fieldtype === 'Table') && f.options === name));
      if (user) {
        throw new RelaisError(
          'LINK_EXISTS',
          tr`DocType ${term(name)} cannot be deleted: DocType ${term(user.name)} has a field that points at it`,
          {
            doctype: 'DocType',
            name,
            linked_doctype: user.name,
          },
        );
      }
      const row = await ctx.trx.selectFrom(tableName(name)).select('name').limit(1).executeTakeFirst();
      if (row) {
        throw new RelaisError(
          'DOCTYPE_HAS_DOCUMENTS',
          tr`DocType ${term(name)} cannot be deleted while it has documents (for example ${row.name}); delete them first`,
          { doctype: 'DocType', name },
        );
      }
    },
    { doctype: 'DocType' },
  );

  bus.on(
    'after_delete',
    async (ctx) => {
      const meta = registry.peek(ctx.doc.name) ?? metaFromDoctypeDoc(ctx.doc);
      await dropTable(ctx.trx, meta);
      registry.remove(meta.name);
      store.onRollback(ctx.trx, () => registry.remove(meta.name));
    },
    { doctype: 'DocType' },
  );

  bus.on(
    'before_rename',
    (ctx) => {
      throw new RelaisError(
        'INVALID_DOCTYPE_DEFINITION',
        tr`DocType ${term(ctx.doc.name)} cannot be renamed; create a new DocType instead`,
        {
          doctype: 'DocType',
          name: ctx.doc.name,
        },
      );
    },
    { doctype: 'DocType' },
  );
}
