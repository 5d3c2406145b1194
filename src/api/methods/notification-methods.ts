import { assertCan } from '../../documents/permissions.ts';
import { textArg } from '../request-args.ts';
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
};
