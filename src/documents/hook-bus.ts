import type { Transaction } from 'kysely';
import type { Doc, WriteFlags } from './doc.ts';
import type { DocTypeMeta } from './meta.ts';

/**
 * Lifecycle hooks, with Frappe's names. For each write they run in this order:
 *
 * | action                | hooks                                                                                   |
 * |-----------------------|-----------------------------------------------------------------------------------------|
 * | insert (draft)        | before_insert, validate, before_save, ‹insert›, after_insert, on_update, on_change       |
 * | insert (docstatus 1)  | before_insert, validate, before_submit, ‹insert›, after_insert, on_update, on_submit, on_change |
 * | save (draft)          | validate, before_save, ‹update›, on_update, on_change                                   |
 * | submit                | validate, before_submit, ‹update›, on_update, on_submit, on_change                      |
 * | cancel                | before_cancel, ‹update›, on_cancel, on_change                                          |
 * | update after submit   | before_update_after_submit, ‹update›, on_update_after_submit, on_change                 |
 * | delete                | on_trash, ‹delete›, after_delete                                                         |
 * | rename                | before_rename, ‹rename›, after_rename                                                    |
 *
 * Every handler runs inside the database transaction of the write: what it writes through `ctx.trx`
 * (or through the document service with `ctx.trx` as executor) commits or rolls back with the document.
 * A handler that throws aborts the write. `before_*` and `validate` handlers may change `ctx.doc`.
 */
export const HOOK_EVENTS = [
  'before_insert',
  'validate',
  'before_save',
  'before_submit',
  'before_cancel',
  'before_update_after_submit',
  'after_insert',
  'on_update',
  'on_submit',
  'on_cancel',
  'on_update_after_submit',
  'on_change',
  'on_trash',
  'after_delete',
  'before_rename',
  'after_rename',
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** What a write does to a document, Frappe's `_action`. */
export type WriteAction = 'insert' | 'save' | 'submit' | 'cancel' | 'update_after_submit' | 'delete' | 'rename';

/** What a hook handler receives. */
export interface HookContext {
  event: HookEvent;
  action: WriteAction;
  doctype: string;
  meta: DocTypeMeta;
  /** The document as it is being written (after the write for `after_*` / `on_*` hooks). */
  doc: Doc;
  /** The stored document before this write; null on insert. */
  docBefore: Doc | null;
  /** The user on whose behalf the write happens. */
  user: string;
  /** The write's transaction. */
  trx: Transaction<any>;
  /** The write's flags (shared by every hook of the write). */
  flags: WriteFlags;
}

export type HookHandler = (ctx: HookContext) => void | Promise<void>;

interface Subscription {
  event: HookEvent | '*';
  doctype: string | null;
  handler: HookHandler;
}

/** Typed publish/subscribe for document lifecycle hooks; handlers run in subscription order. */
export class HookBus {
  private readonly subscriptions: Subscription[] = [];
  /** Handlers per `event\u0000doctype`, in subscription order; emptied whenever subscriptions change. */
  private readonly matching = new Map<string, HookHandler[]>();

  /**
   * Subscribes `handler` to `event` ('*' for every event), for one doctype or all (`doctype` omitted).
   * Returns a function that unsubscribes.
   */
  on(event: HookEvent | '*', handler: HookHandler, options: { doctype?: string } = {}): () => void {
    const subscription: Subscription = { event, doctype: options.doctype ?? null, handler };
    this.subscriptions.push(subscription);
    this.matching.clear();
    return () => {
      const i = this.subscriptions.indexOf(subscription);
      if (i >= 0) this.subscriptions.splice(i, 1);
      this.matching.clear();
    };
  }

  /** Runs every matching handler in order, awaiting each; the first error stops the write. */
  async emit(ctx: HookContext): Promise<void> {
    for (const handler of this.handlersFor(ctx.event, ctx.doctype)) await handler(ctx);
  }

  private handlersFor(event: HookEvent, doctype: string): HookHandler[] {
    const key = `${event}\u0000${doctype}`;
    let handlers = this.matching.get(key);
    if (!handlers) {
      handlers = this.subscriptions
        .filter((s) => (s.event === '*' || s.event === event) && (s.doctype === null || s.doctype === doctype))
        .map((s) => s.handler);
      this.matching.set(key, handlers);
    }
    return handlers;
  }

  /** Runs `events` one after the other with the same context. */
  async emitAll(events: readonly HookEvent[], base: Omit<HookContext, 'event'>): Promise<void> {
    for (const event of events) await this.emit({ ...base, event });
  }
}
