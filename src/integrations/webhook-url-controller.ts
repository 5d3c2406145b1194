/**
 * Saving an Incoming Webhook URL: the service's strict URL check and the SSRF guard, then the URL is
 * kept apart (`__secrets`) and the document holds it masked. A client that sends the masked value back
 * (a form saved without touching the URL) keeps the stored URL. Status and counters are Relais's: a
 * client's values for them are ignored.
 */
import { checkWebhookUrl, maskWebhookUrl } from '../channels/registry.ts';
import { forbiddenDestination } from '../delivery/address-guard.ts';
import type { Doc } from '../documents/doc.ts';
import type { HookBus } from '../documents/hook-bus.ts';
import { readSecretValue, storeSecretValue } from '../documents/document-secrets.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Executor } from '../store/store.ts';
import { WEBHOOK_SYSTEM_FIELDS } from './incoming-webhook-url.ts';

const DOCTYPE = 'Incoming Webhook URL';
const FIELD = 'webhook_url';

export interface WebhookUrlControllerDeps {
  /** RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivateWebhooks: boolean;
}

/** Set by the delivery worker on its own writes of status and counters. */
export const WEBHOOK_SYSTEM_WRITE = 'webhookSystemWrite';

function invalidUrl(reason: string, value?: string): RelaisError {
  return new RelaisError('INVALID_VALUE', `${DOCTYPE}: Webhook URL: ${reason}`, {
    doctype: DOCTYPE,
    field: FIELD,
    ...(value === undefined ? {} : { value }),
  });
}

/** The URL of a saved webhook, unmasked: for the delivery worker and an explicit reveal only. */
export async function webhookUrlOf(db: Executor, name: string): Promise<string | undefined> {
  return readSecretValue(db, DOCTYPE, name, FIELD);
}

export function registerWebhookUrlController(bus: HookBus, deps: WebhookUrlControllerDeps): void {
  /** URLs checked in `validate`, stored once the write has named the document. */
  const pending = new WeakMap<Doc, string>();

  bus.on(
    'validate',
    async (ctx) => {
      const { doc, docBefore } = ctx;
      if (!ctx.flags[WEBHOOK_SYSTEM_WRITE]) keepSystemFields(doc, docBefore);
      const service = String(doc.service ?? '');
      const given = typeof doc.webhook_url === 'string' ? doc.webhook_url : '';
      let url = given;
      if (docBefore && given === docBefore.webhook_url) {
        // Unchanged (the masked value came back): check the stored URL again only if the service changed.
        if (service === docBefore.service) return;
        url = (await webhookUrlOf(ctx.trx, String(docBefore.name))) ?? '';
      }
      const verdict = checkWebhookUrl(service, url, { allowPrivate: deps.allowPrivateWebhooks });
      if (!verdict.ok) throw invalidUrl(`${verdict.reason} (for ${service || 'the chosen service'})`, maskWebhookUrl(service, url));
      const forbidden = await forbiddenDestination(new URL(url), deps.allowPrivateWebhooks);
      if (forbidden) throw invalidUrl(forbidden, maskWebhookUrl(service, url));
      pending.set(doc, url);
      doc.webhook_url = maskWebhookUrl(service, url);
    },
    { doctype: DOCTYPE },
  );

  bus.on(
    'on_update',
    async (ctx) => {
      const url = pending.get(ctx.doc);
      if (url !== undefined) await storeSecretValue(ctx.trx, DOCTYPE, String(ctx.doc.name), FIELD, url);
    },
    { doctype: DOCTYPE },
  );
}

/** Status and counters come from the stored document (or their defaults), never from the client. */
function keepSystemFields(doc: Doc, before: Doc | null): void {
  const defaults: Record<string, unknown> = { status: 'Active', last_error: null, sent_count: 0, failed_count: 0, last_sent_at: null };
  for (const field of WEBHOOK_SYSTEM_FIELDS) doc[field] = before ? before[field] : defaults[field];
}
