import path from 'node:path';
import { Authenticator } from './auth/authenticator.ts';
import { ensureAdministrator } from './auth/install-admin.ts';
import { registerUserController } from './auth/user-controller.ts';
import type { RelaisConfig } from './config.ts';
import { DocumentService } from './documents/document-service.ts';
import { registerDoctypeController } from './documents/doctype-controller.ts';
import { HookBus } from './documents/hook-bus.ts';
import { installCoreDoctypes } from './documents/install.ts';
import { MetaRegistry } from './documents/meta-registry.ts';
import { NOTIFICATION_DELIVERY, NOTIFICATION_DELIVERY_ATTEMPT } from './delivery/delivery-doctypes.ts';
import { ensureOutboxIndexes } from './delivery/outbox-claim.ts';
import { createDelivery } from './app-delivery.ts';
import type { DeliveryService } from './delivery/delivery-service.ts';
import { AppMetrics } from './metrics/app-metrics.ts';
import { NotificationEngine } from './notifications/notification-engine.ts';
import { registerSmsSettingsController, SMS_DOCTYPES } from './integrations/sms-settings.ts';
import { registerWebhookUrlController } from './integrations/webhook-url-controller.ts';
import { registerNotificationController } from './notifications/notification-controller.ts';
import { NOTIFICATION_DOCTYPES } from './notifications/notification-doctypes.ts';
import { Scheduler } from './notifications/scheduler.ts';
import { openStore, type Store } from './store/store.ts';
import { createTemplateEngine, type TemplateEngine } from './templates/template-engine.ts';

/** The running parts of Relais, wired together (the composition root). */
export interface RelaisApp {
  config: RelaisConfig;
  store: Store;
  registry: MetaRegistry;
  hooks: HookBus;
  documents: DocumentService;
  auth: Authenticator;
  /** Renders subjects and messages and evaluates conditions (sandboxed, in worker threads). */
  templates: TemplateEngine;
  /** Fires Notification rules on document events. */
  notifications: NotificationEngine;
  /** Days/Minutes Before/After notifications: `relais serve` starts it; tests call `runOnce`. */
  scheduler: Scheduler;
  /** Sends queued deliveries: `relais serve` (or `relais worker`) starts its worker; tests call `worker.runUntilIdle`. */
  delivery: DeliveryService;
  /** Prometheus metrics of this app (its own registry), served at `GET /metrics`. */
  metrics: AppMetrics;
  /** Set on the first start when no RELAIS_ADMIN_PASSWORD was given: print it once. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

/** Opens the database, installs or upgrades the core doctypes and the Administrator, and wires the parts. */
export async function createApp(config: RelaisConfig): Promise<RelaisApp> {
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'relais.db') });
  return createAppOnStore(config, store);
}

/** Same as createApp, on an already opened store (tests open one per database). */
export async function createAppOnStore(config: RelaisConfig, store: Store): Promise<RelaisApp> {
  const registry = new MetaRegistry();
  for (const meta of [...NOTIFICATION_DOCTYPES, ...SMS_DOCTYPES, NOTIFICATION_DELIVERY_ATTEMPT, NOTIFICATION_DELIVERY])
    registry.registerCore(meta);
  const hooks = new HookBus();
  const documents = new DocumentService(store, registry, hooks);
  const templates = createTemplateEngine({ siteUrl: config.siteUrl, timeZone: config.timeZone, timeLimitMs: config.templateTimeLimitMs });
  const notifications = new NotificationEngine(documents, templates, config.language);
  notifications.register(hooks);
  registerDoctypeController(hooks, store, registry);
  registerUserController(hooks);
  registerNotificationController(hooks, { registry, templates });
  registerWebhookUrlController(hooks, { allowPrivateWebhooks: config.allowPrivateWebhooks, templates, siteUrl: config.siteUrl });
  registerSmsSettingsController(hooks, { allowPrivateWebhooks: config.allowPrivateWebhooks });
  await installCoreDoctypes(documents);
  await registry.loadAll(store.db);
  await notifications.load();
  await ensureOutboxIndexes(store);
  const metrics = new AppMetrics(store);
  const delivery = createDelivery(config, store, documents, hooks, templates, (result) => metrics.delivery.observe(result));
  const { generatedPassword } = await ensureAdministrator(documents, config);
  const scheduler = new Scheduler(
    { documents, templates, notifications },
    { timeZone: config.timeZone, dailyScanTime: config.dailyScanTime, catchUpHorizonDays: config.catchUpHorizonDays },
  );
  return {
    config,
    store,
    registry,
    hooks,
    documents,
    auth: new Authenticator(documents),
    templates,
    notifications,
    scheduler,
    delivery,
    metrics,
    generatedAdminPassword: generatedPassword,
    async close() {
      await scheduler.stop();
      await delivery.close();
      await templates.close();
      await store.close();
    },
  };
}
