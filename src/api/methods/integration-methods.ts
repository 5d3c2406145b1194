import { RelaisError } from '../../errors/relais-error.ts';
import { isSystemManager } from '../../documents/permissions.ts';
import { webhookUrlOf } from '../../integrations/webhook-url-controller.ts';
import { textArg } from '../request-args.ts';
import type { MethodDefinition } from './method.ts';

/** Methods of the Incoming Webhook URL registry. */
export const INTEGRATION_METHODS: Record<string, MethodDefinition> = {
  /**
   * `relais.incoming_webhook_url.reveal` {name}: the webhook's URL unmasked (every other read shows it
   * masked). System Manager only.
   */
  'relais.incoming_webhook_url.reveal': {
    async handler({ args, app, request }) {
      if (!isSystemManager(request.actor)) {
        throw new RelaisError('PERMISSION_DENIED', 'Only a System Manager may reveal a webhook URL', { doctype: 'Incoming Webhook URL' });
      }
      const name = textArg(args, 'name');
      await app.documents.get('Incoming Webhook URL', name, request.actor); // DOCUMENT_NOT_FOUND when it does not exist
      return { webhook_url: (await webhookUrlOf(app.store.db, name)) ?? null };
    },
  },
};
