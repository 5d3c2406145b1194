import { RelaisError } from '../../errors/relais-error.ts';
import { term, tr } from '../../i18n/text.ts';
import { isSystemManager } from '../../documents/permissions.ts';
import { signingSecretOf, webhookUrlOf } from '../../integrations/webhook-url-controller.ts';
import { textArg } from '../request-args.ts';
import type { MethodDefinition } from './method.ts';

/** Methods of the Incoming Webhook URL registry. */
export const INTEGRATION_METHODS: Record<string, MethodDefinition> = {
  /**
   * `relais.incoming_webhook_url.reveal` {name}: the webhook's URL and (generic webhooks) signing secret
   * unmasked, for the receiver's side; every other read shows them masked. System Manager only.
   */
  'relais.incoming_webhook_url.reveal': {
    async handler({ args, app, request }) {
      if (!isSystemManager(request.actor)) {
        throw new RelaisError('PERMISSION_DENIED', tr`Only a ${term('System Manager')} may reveal a webhook URL`, {
          doctype: 'Incoming Webhook URL',
        });
      }
      const name = textArg(args, 'name');
      await app.documents.get('Incoming Webhook URL', name, request.actor); // DOCUMENT_NOT_FOUND when it does not exist
      return {
        webhook_url: (await webhookUrlOf(app.store.db, name)) ?? null,
        signing_secret: (await signingSecretOf(app.store.db, name)) ?? null,
      };
    },
  },
  /**
   * `relais.incoming_webhook_url.send_test` {name}: posts a test message to the webhook now and says
   * what happened (`status` Sent or Failed, the HTTP status, the error in words). A Broken webhook that
   * answers again turns Active and its waiting messages go. System Manager only.
   */
  'relais.incoming_webhook_url.send_test': {
    async handler({ args, app, request }) {
      const name = textArg(args, 'name');
      const doc = await app.documents.get('Incoming Webhook URL', name, request.actor);
      if (!isSystemManager(request.actor)) {
        throw new RelaisError('PERMISSION_DENIED', tr`Only a ${term('System Manager')} may send a test message`, {
          doctype: 'Incoming Webhook URL',
          name,
        });
      }
      const text = TEST_MESSAGE[app.config.language];
      return { name: doc.name, ...(await app.delivery.sendTest(name, text)) };
    },
  },
};

/** The test message, in the site language. */
const TEST_MESSAGE = {
  en: { subject: 'Relais test message', message: 'This is a test message from Relais: this webhook works.' },
  fr: { subject: 'Message de test Relais', message: 'Ceci est un message de test de Relais : ce webhook fonctionne.' },
};
