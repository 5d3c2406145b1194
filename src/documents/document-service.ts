import type { Transaction } from 'kysely';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';
import { deepClone, writeTimestamp, type ActContext, type Doc } from './doc.ts';
import { applyInput, childMetasOf, linkChildRows, newDocument, type AppliedInput } from './document-input.ts';
import { deleteDocumentRows, insertDocumentRows, readDocument, updateDocumentRows } from './document-rows.ts';
import { validateDocument } from './document-validation.ts';
import { assertNoLinks } from './link-checks.ts';
import { countDocuments, runListQuery, type ListParams, type RowScope } from './list-query/list-query.ts';
import { HookBus, type HookEvent, type WriteAction } from './hook-bus.ts';
import {
  ACTION_PERMISSION,
  HOOKS_AFTER,
  HOOKS_BEFORE,
  INSERT_SUBMITTED_AFTER,
  INSERT_SUBMITTED_BEFORE,
  actionForTransition,
  parseDocstatus,
} from './lifecycle.ts';
import type { MetaRegistry } from './meta-registry.ts';
import { tableName, type DocTypeMeta } from './meta.ts';
import { nameNewDocument } from './naming.ts';
import { renameSecrets, storePasswords } from './document-secrets.ts';
import { assertCan, ownRowsRule, type Actor } from './permissions.ts';
import { creationVersion, diffDocuments, isEmptyDiff, recordVersion, type VersionData } from './versions.ts';
import {
  assertOnlyAllowedOnSubmit,
  assertUnique,
  checkTimestamp,
  duplicateName,
  nameWasGenerated,
  notFound,
  tablesToRewrite,
  uniqueViolation,
} from './write-checks.ts';

/** Everything one write needs, passed from step to step. */
interface WriteScope {
  trx: Transaction<any>;
  meta: DocTypeMeta;
  childMetas: Map<string, DocTypeMeta>;
  ctx: ActContext;
  now: string;
}

/**
 * Creates, reads, changes and deletes documents: validation, naming, docstatus lifecycle, versions,
 * permissions and lifecycle hooks, each write in one transaction (or in `ctx.trx` when given).
 */
export class DocumentService {
  /** Documents written in each open transaction, in order (see `latest`). */
  private readonly writesByTransaction = new WeakMap<Transaction<any>, string[]>();

  constructor(
    readonly store: Store,
    readonly registry: MetaRegistry,
    readonly hooks: HookBus,
  ) {}

  /** The meta of a doctype that can be addressed directly (not a child table). */
  async metaOf(doctype: string, ctx?: ActContext): Promise<DocTypeMeta> {
    if (!ctx?.trx) await this.registry.refreshIfStale(this.store.db);
    const meta = await this.registry.get(ctx?.trx ?? this.store.db, doctype);
    if (meta.istable) {
      throw new RelaisError(
        'CHILD_DOCTYPE_NOT_ADDRESSABLE',
        tr`${term(doctype)} is a child table: read and write its rows through their parent document`,
        { doctype },
      );
    }
    return meta;
  }

  /** Reads one document with its child rows; DOCUMENT_NOT_FOUND when it does not exist. */
  async get(doctype: string, name: string, ctx: ActContext): Promise<Doc> {
    const meta = await this.metaOf(doctype, ctx);
    const own = ownRowsRule(ctx, meta);
    if (!own) assertCan(ctx, meta, 'read', name);
    const doc = await readDocument(ctx.trx ?? this.store.db, this.registry, meta, name);
    if (!doc || (own && doc[own.user_field] !== ctx.user)) throw notFound(doctype, name);
    return doc;
  }

  /** Frappe's get_list: documents of `doctype` matching filters, with the chosen fields, ordered and paged. */
  async list(doctype: string, params: ListParams, ctx: ActContext): Promise<Record<string, unknown>[] | unknown[][]> {
    const meta = await this.metaOf(doctype, ctx);
    const scope = this.rowScope(ctx, meta);
    if (!scope) assertCan(ctx, meta, 'read');
    return runListQuery(ctx.trx ?? this.store.db, this.store.adapter, meta, params, scope);
  }

  /** Frappe's get_count: how many documents of `doctype` match the filters. */
  async count(doctype: string, filters: unknown, orFilters: unknown, ctx: ActContext): Promise<number> {
    const meta = await this.metaOf(doctype, ctx);
    const scope = this.rowScope(ctx, meta);
    if (!scope) assertCan(ctx, meta, 'read');
    return countDocuments(ctx.trx ?? this.store.db, this.store.adapter, meta, filters, orFilters, scope);
  }

  /** Creates a document from client input (`docstatus: 1` submits it on creation). */
  async insert(doctype: string, input: Record<string, unknown>, ctx: ActContext): Promise<Doc> {
    const meta = await this.metaOf(doctype, ctx);
    const docstatus = input.docstatus === undefined ? 0 : parseDocstatus(doctype, input.docstatus);
    if (docstatus === 2)
      throw new RelaisError('INVALID_DOCSTATUS', tr`${term(doctype)}: a new document cannot be cancelled`, { doctype, field: 'docstatus' });
    if (docstatus === 1 && !meta.is_submittable)
      throw new RelaisError('NOT_SUBMITTABLE', tr`${term(doctype)} is not submittable: docstatus must stay 0`, {
        doctype,
        field: 'docstatus',
      });
    assertCan(ctx, meta, 'create');
    if (docstatus === 1) assertCan(ctx, meta, 'submit');
    return this.store.transaction(ctx.trx, async (trx) => {
      const scope = await this.scope(trx, meta, ctx);
      const doc = newDocument(meta, scope.now, ctx.user);
      const applied = applyInput(meta, scope.childMetas, doc, input, scope.now, ctx.user);
      doc.docstatus = docstatus;
      await this.runHooks(scope, ['before_insert'], 'insert', doc, null);
      // A before_insert hook may propose a name (Frappe's controller `autoname`): used when the client sent none.
      const given = input.name ?? input.__newname;
      const requestedName = given === undefined || given === null || given === '' ? doc.name || undefined : given;
      doc.name = ctx.flags?.forceName ?? (await nameNewDocument(trx, meta, doc, requestedName, new Date()));
      linkChildRows(meta, doc);
      await this.runHooks(scope, docstatus === 1 ? INSERT_SUBMITTED_BEFORE : HOOKS_BEFORE.insert, 'insert', doc, null);
      await this.writeNew(scope, doc, applied, !ctx.flags?.forceName && nameWasGenerated(meta, input));
      const mark = this.noteWrite(trx, meta.name, doc.name);
      await this.runHooks(scope, docstatus === 1 ? INSERT_SUBMITTED_AFTER : HOOKS_AFTER.insert, 'insert', doc, null);
      return this.latest(scope, doc, mark);
    });
  }

  /**
   * Applies a partial update. `docstatus` in the input submits (0→1) or cancels (1→2); on a submitted
   * document only `allow_on_submit` fields may change; a cancelled one cannot change at all.
   */
  async update(doctype: string, name: string, input: Record<string, unknown>, ctx: ActContext): Promise<Doc> {
    const meta = await this.metaOf(doctype, ctx);
    const own = ownRowsRule(ctx, meta);
    if (!own) assertCan(ctx, meta, 'read', name);
    return this.store.transaction(ctx.trx, async (trx) => {
      const before = await readDocument(trx, this.registry, meta, name, this.store.adapter.supportsRowLocks);
      if (!before || (own && before[own.user_field] !== ctx.user)) throw notFound(doctype, name);
      // Timestamps are taken once the row is locked, so `modified` grows in the order writes commit.
      const scope = await this.scope(trx, meta, ctx, before.modified);
      checkTimestamp(meta, before, input);
      const target = input.docstatus === undefined ? (before.docstatus as 0 | 1 | 2) : parseDocstatus(doctype, input.docstatus);
      const action = actionForTransition(meta, name, before.docstatus, target);
      if (!own || action !== 'save') assertCan(ctx, meta, ACTION_PERMISSION[action], name);
      const doc = deepClone(before);
      const applied = applyInput(meta, scope.childMetas, doc, input, scope.now, ctx.user);
      doc.docstatus = target;
      Object.assign(doc, { modified: scope.now, modified_by: ctx.user });
      linkChildRows(meta, doc);
      if (action === 'update_after_submit' || action === 'cancel') assertOnlyAllowedOnSubmit(meta, scope.childMetas, before, doc, action);
      await this.runHooks(scope, HOOKS_BEFORE[action], action, doc, before);
      await validateDocument(trx, this.registry, meta, scope.childMetas, doc);
      await assertUnique(scope.trx, scope.meta, doc);
      const diff = diffDocuments(meta, scope.childMetas, before, doc, action);
      if (own) assertOnlyOwnWritable(ctx, meta, name, own.writable_fields, diff);
      await updateDocumentRows(trx, this.registry, meta, doc, tablesToRewrite(meta, input, diff, before.docstatus !== doc.docstatus)).catch(
        (err) => {
          throw uniqueViolation(this.store.adapter, err, meta, doc);
        },
      );
      await storePasswords(trx, meta.name, doc.name, applied.passwords);
      if (!isEmptyDiff(diff)) await recordVersion(trx, meta.name, doc.name, diff, ctx.user, scope.now);
      const mark = this.noteWrite(trx, meta.name, doc.name);
      await this.runHooks(scope, HOOKS_AFTER[action], action, doc, before);
      return this.latest(scope, doc, mark);
    });
  }

  async submit(doctype: string, name: string, input: Record<string, unknown>, ctx: ActContext): Promise<Doc> {
    return this.update(doctype, name, { ...input, docstatus: 1 }, ctx);
  }

  async cancel(doctype: string, name: string, ctx: ActContext): Promise<Doc> {
    return this.update(doctype, name, { docstatus: 2 }, ctx);
  }

  /** Deletes a draft or cancelled document; refused while other documents link to it. */
  async delete(doctype: string, name: string, ctx: ActContext): Promise<void> {
    const meta = await this.metaOf(doctype, ctx);
    assertCan(ctx, meta, 'delete', name);
    await this.store.transaction(ctx.trx, async (trx) => {
      const scope = await this.scope(trx, meta, ctx);
      const doc = await readDocument(trx, this.registry, meta, name, this.store.adapter.supportsRowLocks);
      if (!doc) throw notFound(doctype, name);
      if (doc.docstatus === 1) {
        throw new RelaisError('INVALID_DOCSTATUS', tr`${term(doctype)} ${name} is submitted: cancel it before deleting it`, {
          doctype,
          name,
          field: 'docstatus',
        });
      }
      await assertNoLinks(trx, this.registry, meta, name);
      await this.runHooks(scope, HOOKS_BEFORE.delete, 'delete', doc, doc);
      await deleteDocumentRows(trx, this.registry, meta, name);
      await renameSecrets(trx, meta.name, name, null);
      await recordVersion(
        trx,
        meta.name,
        name,
        { ...diffDocuments(meta, scope.childMetas, doc, doc, 'delete'), deleted_doc: doc },
        ctx.user,
        scope.now,
      );
      await this.runHooks(scope, HOOKS_AFTER.delete, 'delete', doc, doc);
    });
  }

  /** The `field = user` condition lists and counts get under the doctype's row-level rule, if any. */
  private rowScope(actor: Actor, meta: DocTypeMeta): RowScope | undefined {
    const own = ownRowsRule(actor, meta);
    return own ? { field: own.user_field, value: actor.user } : undefined;
  }

  /** What a write needs; `previous` is the document's current `modified`, which `now` must follow. */
  private async scope(trx: Transaction<any>, meta: DocTypeMeta, ctx: ActContext, previous?: unknown): Promise<WriteScope> {
    return {
      trx,
      meta,
      childMetas: await childMetasOf(trx, this.registry, meta),
      ctx: { ...ctx, trx, flags: ctx.flags ?? {} },
      now: writeTimestamp(previous),
    };
  }

  /**
   * Validates and stores a new document. A name the client chose is checked first, for a clear
   * DUPLICATE_NAME; a generated one relies on the primary key (a clash aborts the write either way).
   */
  private async writeNew(scope: WriteScope, doc: Doc, applied: AppliedInput, generatedName: boolean): Promise<void> {
    const { trx, meta } = scope;
    await validateDocument(trx, this.registry, meta, scope.childMetas, doc);
    if (!generatedName) {
      const clash = await trx.selectFrom(tableName(meta.name)).select('name').where('name', '=', doc.name).executeTakeFirst();
      if (clash) throw duplicateName(meta.name, doc.name);
    }
    await assertUnique(scope.trx, scope.meta, doc);
    try {
      await insertDocumentRows(trx, this.registry, meta, doc);
    } catch (err) {
      throw uniqueViolation(this.store.adapter, err, meta, doc);
    }
    await storePasswords(trx, meta.name, doc.name, applied.passwords);
    await recordVersion(trx, meta.name, doc.name, creationVersion(), scope.ctx.user, scope.now);
  }

  private async runHooks(
    scope: WriteScope,
    events: readonly HookEvent[],
    action: WriteAction,
    doc: Doc,
    docBefore: Doc | null,
  ): Promise<void> {
    await this.hooks.emitAll(events, {
      action,
      doctype: scope.meta.name,
      meta: scope.meta,
      doc,
      docBefore,
      user: scope.ctx.user,
      trx: scope.trx,
      flags: scope.ctx.flags ?? {},
    });
  }

  /** Records that a document was written in `trx`; returns a mark for `latest`. */
  private noteWrite(trx: Transaction<any>, doctype: string, name: string): number {
    const list = this.writesByTransaction.get(trx) ?? [];
    list.push(`${doctype}\u0000${name}`);
    this.writesByTransaction.set(trx, list);
    return list.length;
  }

  /**
   * The document to return after a write: the one in memory, unless a hook wrote the same document
   * again after `mark` (a nested save), in which case it is read back from the transaction.
   */
  private async latest(scope: WriteScope, doc: Doc, mark: number): Promise<Doc> {
    const key = `${scope.meta.name}\u0000${doc.name}`;
    if (!(this.writesByTransaction.get(scope.trx) ?? []).slice(mark).includes(key)) return doc;
    const stored = await readDocument(scope.trx, this.registry, scope.meta, doc.name);
    if (!stored) throw notFound(scope.meta.name, doc.name);
    return stored;
  }
}

/** Under a row-level rule, only the rule's writable fields may change (PERMISSION_DENIED naming the first other one). */
function assertOnlyOwnWritable(actor: Actor, meta: DocTypeMeta, name: string, writable: readonly string[], diff: VersionData): void {
  const field =
    diff.changed.map(([f]) => f).find((f) => !writable.includes(f)) ??
    [...diff.added, ...diff.removed, ...diff.row_changed].map((entry) => String(entry[0]))[0];
  if (field === undefined) return;
  throw new RelaisError('PERMISSION_DENIED', tr`Not permitted: ${actor.user} may not change ${field} of ${term(meta.name)} ${name}`, {
    doctype: meta.name,
    name,
    field,
    permission: 'write',
    user: actor.user,
  });
}
