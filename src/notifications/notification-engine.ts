import type { Transaction } from 'kysely';
import type { Doc, WriteFlags } from '../documents/doc.ts';
import { readDocument } from '../documents/document-rows.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { HookBus, HookContext } from '../documents/hook-bus.ts';
import { tableName } from '../documents/meta.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { hashName } from '../documents/naming.ts';
import type { Language } from '../i18n/text.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import { notFound } from '../documents/write-checks.ts';
import { fireRules } from './fire-rules.ts';
import { ruleFromDoc, type NotificationRule } from './notification-rule.ts';
import { NOTIFICATION_MACHINERY } from './notification-doctypes.ts';
import { RuleIndex } from './rule-index.ts';

/** Flags a notification's own write carries: which notifications caused it (set-property chains). */
export interface NotificationFlags extends WriteFlags {
  /** Notifications already handled in this write (a rule fires at most once per write). */
  notificationsExecuted?: Set<string>;
  /** The chain of notifications whose set-property caused this write, oldest first. */
  notificationChain?: string[];
}

/**
 * Turns document events into notifications: keeps the enabled rules indexed by doctype and event,
 * and on every lifecycle hook fires the rules it matches, inside the write's transaction.
 */
export class NotificationEngine {
  readonly index = new RuleIndex<NotificationRule>();

  constructor(
    private readonly documents: DocumentService,
    private readonly templates: TemplateEngine,
    /** The site language (RELAIS_LANGUAGE), in which Failed deliveries' errors are stored. */
    readonly language: Language,
  ) {}

  /** Loads every Notification into the index (at start). */
  async load(): Promise<void> {
    const meta = await this.documents.registry.get(this.documents.store.db, 'Notification');
    const names = await this.documents.store.db.selectFrom(tableName('Notification')).select('name').execute();
    for (const { name } of names) {
      const doc = await readDocument(this.documents.store.db, this.documents.registry, meta, String(name));
      if (doc) this.index.put(ruleFromDoc(doc));
    }
  }

  /** Subscribes to the hook bus: rule changes keep the index current, every other hook may fire rules. */
  register(hooks: HookBus): void {
    const store = this.documents.store;
    const reindex = (ctx: HookContext) => {
      const previous = this.index.get(ctx.doc.name);
      this.index.put(ruleFromDoc(ctx.doc));
      store.onRollback(ctx.trx, () => (previous ? this.index.put(previous) : this.index.remove(ctx.doc.name)));
    };
    hooks.on('on_update', reindex, { doctype: 'Notification' });
    hooks.on(
      'after_delete',
      (ctx) => {
        const previous = this.index.get(ctx.doc.name);
        this.index.remove(ctx.doc.name);
        store.onRollback(ctx.trx, () => previous && this.index.put(previous));
      },
      { doctype: 'Notification' },
    );
    hooks.on(
      'after_rename',
      (ctx) => {
        this.index.remove(String(ctx.docBefore?.name));
        this.index.put(ruleFromDoc(ctx.doc));
      },
      { doctype: 'Notification' },
    );
    hooks.on('*', (ctx) => this.onHook(ctx));
  }

  private async onHook(ctx: HookContext): Promise<void> {
    if (NOTIFICATION_MACHINERY.has(ctx.doctype)) return;
    const matches = this.index.matchHook(ctx.doctype, ctx.event, ctx.action);
    if (matches.length === 0) return;
    const flags = ctx.flags as NotificationFlags;
    const executed = (flags.notificationsExecuted ??= new Set());
    const chain = flags.notificationChain ?? [];
    const due = matches.filter(({ rule }) => !executed.has(rule.name) && !chain.includes(rule.name));
    for (const { rule } of due) executed.add(rule.name);
    if (due.length === 0) return;
    await fireRules({ documents: this.documents, templates: this.templates, trx: ctx.trx, language: this.language }, due, {
      doctype: ctx.doctype,
      meta: ctx.meta,
      doc: ctx.doc,
      docBefore: ctx.docBefore,
      user: ctx.user,
      chain,
      executed,
    });
  }

  /**
   * Fires, for one document, the `Method` rules named `method` and the `Custom` rules (those naming
   * `method`, and those naming none): Frappe's `run_method`, for clients (`relais.trigger`) and code.
   * The condition applies. Returns how many rules were considered.
   */
  async trigger(doctype: string, name: string, method: string, trx: Transaction<any>): Promise<number> {
    const meta = await this.documents.metaOf(doctype, { ...SYSTEM_ACTOR, trx });
    const doc = (await readDocument(trx, this.documents.registry, meta, name)) as Doc | undefined;
    if (!doc) throw notFound(doctype, name);
    const rules = [
      ...this.index.rulesFor(doctype, 'Method', method),
      ...this.index.rulesFor(doctype, 'Custom', method),
      ...(method ? this.index.rulesFor(doctype, 'Custom', '') : []),
    ];
    if (rules.length === 0) return 0;
    const matches = rules.map((rule) => ({ rule, event: rule.event }));
    const target = {
      doctype,
      meta,
      doc,
      docBefore: null,
      user: SYSTEM_ACTOR.user,
      chain: [],
      occurrence: hashName(),
      executed: new Set<string>(),
    };
    await fireRules({ documents: this.documents, templates: this.templates, trx, language: this.language }, matches, target);
    return rules.length;
  }
}
