/**
 * The delivery part wired to the rest: webhooks from the Incoming Webhook URL registry, e-mail through
 * RELAIS_SMTP_URL, SMS through SMS Settings (part of the composition root, src/app.ts).
 */
import type { RelaisConfig } from './config.ts';
import type { AttemptResult } from './delivery/delivery-results.ts';
import { DeliveryService } from './delivery/delivery-service.ts';
import { EmailChannel } from './delivery/email-dispatch.ts';
import type { HttpSender } from './delivery/http-sender.ts';
import { SmsChannel } from './delivery/sms-dispatch.ts';
import type { DocumentService } from './documents/document-service.ts';
import type { HookBus } from './documents/hook-bus.ts';
import { tableName } from './documents/meta.ts';
import { loadSmsSettings } from './integrations/sms-settings.ts';
import { renderWebhookBody, type WebhookBodyContext } from './integrations/webhook-body.ts';
import { WebhookDirectory } from './integrations/webhook-directory.ts';
import { signingSecretOf } from './integrations/webhook-url-controller.ts';
import type { TemplateEngine } from './templates/template-engine.ts';
import type { Store } from './store/store.ts';

export function createDelivery(
  config: RelaisConfig,
  store: Store,
  documents: DocumentService,
  hooks: HookBus,
  templates: TemplateEngine,
  onAttempt?: (result: AttemptResult) => void,
): DeliveryService {
  const directory = new WebhookDirectory(documents, config.language, async (name) => (await signingSecretOf(store.db, name)) ?? null);
  directory.register(hooks);
  const sms = (http: HttpSender) => {
    const channel = new SmsChannel(http, () => loadSmsSettings(store.db));
    for (const event of ['on_update', 'after_delete'] as const) hooks.on(event, () => channel.forget(), { doctype: 'SMS Settings' });
    return channel;
  };
  const delivery = new DeliveryService(
    {
      store,
      directory,
      renderWebhookBody: (template, context) => renderWebhookBody(templates, template, context as unknown as WebhookBodyContext),
      channels: (http) => ({
        Email: new EmailChannel({
          smtpUrl: config.smtpUrl,
          from: config.mailFrom,
          siteUrl: config.siteUrl,
          language: config.language,
          senderOf: (notification) => notificationSender(store, notification),
        }),
        SMS: sms(http),
      }),
      onAttempt,
      onError: (err) => console.error('Relais delivery worker:', err),
    },
    {
      site: { url: config.siteUrl, name: config.siteName, language: config.language },
      allowPrivate: config.allowPrivateWebhooks,
      pacing: config.deliveryPacing,
      worker: { concurrency: config.deliveryConcurrency, leaseMs: config.deliveryLeaseSeconds * 1000 },
    },
  );
  return delivery;
}

/** The Notification's `sender` (Frappe's "Sender" e-mail), or null for the site's From. */
async function notificationSender(store: Store, notification: string): Promise<string | null> {
  const row = await store.db.selectFrom(tableName('Notification')).select('sender').where('name', '=', notification).executeTakeFirst();
  return typeof row?.sender === 'string' && row.sender.trim() ? row.sender : null;
}
