import { isSystemManager } from '../../documents/permissions.ts';
import { RelaisError } from '../../errors/relais-error.ts';
import { term, tr, type Text } from '../../i18n/text.ts';
import type { FastifyRequest } from 'fastify';
import { textArg } from '../request-args.ts';
import type { MethodDefinition } from './method.ts';

/** PERMISSION_DENIED unless a System Manager calls; `what` is what they may do ("retry a delivery"). */
function assertSystemManager(request: FastifyRequest, what: Text): void {
  if (!isSystemManager(request.actor)) {
    throw new RelaisError('PERMISSION_DENIED', tr`Only a ${term('System Manager')} may ${what}`, { doctype: 'Notification Delivery' });
  }
}

/** Acting on one Notification Delivery (System Manager only, as reading them is). */
export const DELIVERY_METHODS: Record<string, MethodDefinition> = {
  /**
   * `relais.delivery.retry` {name}: send it again now. A Dead or Cancelled delivery gets a fresh set of
   * attempts; one being sent, already sent, or that could not be prepared is refused (DELIVERY_STATE_CONFLICT).
   */
  'relais.delivery.retry': {
    async handler({ args, app, request }) {
      assertSystemManager(request, tr`retry a delivery`);
      const name = textArg(args, 'name');
      return { name, status: await app.delivery.retry(name, request.actor.user) };
    },
  },
  /** `relais.delivery.cancel` {name}: a Queued or Retrying delivery will never be sent. */
  'relais.delivery.cancel': {
    async handler({ args, app, request }) {
      assertSystemManager(request, tr`cancel a delivery`);
      const name = textArg(args, 'name');
      await app.delivery.cancel(name, request.actor.user);
      return { name, status: 'Cancelled' };
    },
  },
};
