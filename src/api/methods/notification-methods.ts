import { assertCan, isSystemManager, type Actor } from '../../documents/permissions.ts';
import { RelaisError } from '../../errors/relais-error.ts';
import { term, tr, type Text } from '../../i18n/text.ts';
import { explainDocument, previewNotification, sendTestNotification } from '../../notifications/notification-inspect.ts';
import { sql } from 'kysely';
import { nowDatetime } from '../../documents/doc.ts';
import { tableName } from '../../documents/meta.ts';
import { flagArg, jsonArg, textArg } from '../request-args.ts';
import type { MethodDefinition } from './method.ts';

/** Relais's notification methods. */
export const NOTIFICATION_METHODS: Record<string, MethodDefinition> = {
  /**
   * `relais.trigger` {doctype, name, method}: fires the document's `Method` notifications named
   * `method` and its `Custom` notifications (Frappe's `run_method`). Needs write permission on the doctype.
   */
  'relais.trigger': {
    async handler({ args, app, request }) {
      const doctype = textArg(args, 'doctype');
      const name = textArg(args, 'name');
      const method = typeof args.method === 'string' ? args.method : '';
      const meta = await app.documents.metaOf(doctype, request.actor);
      assertCan(request.actor, meta, 'write', name);
      const fired = await app.store.transaction(undefined, (trx) => app.notifications.trigger(doctype, name, method, trx));
      return { notifications: fired };
    },
  },

  /**
   * `relais.notification.preview` {notification: name | unsaved field values, doctype?, name}: whether
   * the condition holds, the rendered subject and message, recipients and destinations. Writes and sends
   * nothing; a template or condition problem comes back as `error` (with line and column). System Manager.
   */
  'relais.notification.preview': {
    async handler({ args, app, request }) {
      systemManagerOnly(request.actor, tr`preview notifications`);
      const doctype = typeof args.doctype === 'string' && args.doctype ? args.doctype : undefined;
      return previewNotification(app, jsonArg(args, 'notification'), { doctype, name: textArg(args, 'name') }, request.actor);
    },
  },
  /**
   * `relais.notification.send_test` {notification, name}: queues the notification's deliveries for the
   * document for real, bypassing its condition; returns the Notification Delivery names. System Manager.
   */
  'relais.notification.send_test': {
    async handler({ args, app, request }) {
      systemManagerOnly(request.actor, tr`send test notifications`);
      const deliveries = await sendTestNotification(app, textArg(args, 'notification'), textArg(args, 'name'), request.actor);
      return { deliveries };
    },
  },
  /**
   * `relais.notification.explain` {doctype, name, event?}: for every notification on the doctype,
   * whether it would fire for the document now and, if not, which test failed. System Manager.
   */
  'relais.notification.explain': {
    async handler({ args, app, request }) {
      systemManagerOnly(request.actor, tr`explain notifications`);
      const event = typeof args.event === 'string' && args.event ? args.event : undefined;
      return explainDocument(app, textArg(args, 'doctype'), textArg(args, 'name'), event, request.actor);
    },
  },
  /**
   * `relais.notification_log.mark_read` {names: [name, …]} or {all: true}: marks the current user's bell
   * notifications read (only rows addressed to them, whatever their roles; other names are ignored).
   * Returns how many changed. Bookkeeping, like Frappe's mark_all_as_read: no Version is written.
   */
  'relais.notification_log.mark_read': {
    async handler({ args, app, request }) {
      const all = flagArg(args.all, false);
      const names = jsonArg(args, 'names');
      if (!all && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
        throw new RelaisError('BAD_REQUEST', tr`Argument names (a list of ${term('Notification Log')} names) or all: true is required`, {
          field: 'names',
        });
      }
      const list = all ? [] : (names as string[]);
      if (!all && list.length === 0) return { count: 0 };
      const user = request.actor.user;
      const now = nowDatetime();
      const only = all ? sql`` : sql` and name in (${sql.join(list)})`;
      const result = await sql`
        update ${sql.table(tableName('Notification Log'))} set ${sql.ref('read')} = 1, modified = ${now}, modified_by = ${user}
        where for_user = ${user} and coalesce(${sql.ref('read')}, 0) = 0${only}`.execute(app.store.db);
      return { count: Number(result.numAffectedRows ?? 0) };
    },
  },
};

function systemManagerOnly(actor: Actor, what: Text): void {
  if (!isSystemManager(actor))
    throw new RelaisError('PERMISSION_DENIED', tr`Not permitted: only a ${term('System Manager')} may ${what}`, { user: actor.user });
}
