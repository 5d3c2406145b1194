/**
 * The delivery part assembled: one HTTP sender, the pacer, the result writer, the channels' dispatch
 * and the worker, plus the actions people take on deliveries (retry, cancel, a webhook's test send).
 */
import type { ChatMessage } from '../channels/channel-types.ts';
import { adapterFor } from '../channels/registry.ts';
import { nowDatetime } from '../documents/doc.ts';
import { hashName } from '../documents/naming.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';
import { chatMessageOf, dispatchChat, sendAndClassify, webhookBodyContext, type ChatDispatchDeps, type SiteInfo } from './chat-dispatch.ts';
import { cancelDelivery, retryDelivery } from './delivery-actions.ts';
import type { DeliveryStatus } from './delivery-doctypes.ts';
import { ResultWriter, type AttemptResult } from './delivery-results.ts';
import type { DestinationDirectory } from './destinations.ts';
import { HttpSender } from './http-sender.ts';
import { newWorkerId, type OutboxRow } from './outbox-claim.ts';
import { DEFAULT_WORKER_OPTIONS, OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';
import { Pacer } from './pacing.ts';

/** A channel other than chat (e-mail, SMS): whether it can send now, and one attempt. */
export interface ChannelSender {
  /** Null when it can send; otherwise why its messages wait. */
  unavailable(): Promise<Text | null>;
  attempt(row: OutboxRow): Promise<AttemptResult>;
  close?(): Promise<void>;
}

export interface DeliverySettings {
  site: SiteInfo;
  /** RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivate: boolean;
  /** Per-destination pacing (on in production; benchmarks turn it off). */
  pacing: boolean;
  worker?: Partial<Omit<OutboxWorkerOptions, 'workerId'>>;
  http?: { connectTimeoutMs?: number; responseTimeoutMs?: number };
}

export interface DeliveryDeps {
  store: Store;
  directory: DestinationDirectory;
  renderWebhookBody?: ChatDispatchDeps['renderWebhookBody'];
  /** Senders by Notification channel (`Email`, `SMS`), made with the service's HTTP sender. */
  channels?: (http: HttpSender) => Partial<Record<string, ChannelSender>>;
  /** Told about every attempt the worker recorded (metrics). */
  onAttempt?(result: AttemptResult): void;
  onError?(err: unknown): void;
}

/** A request as the preview panel shows it: the URL masked, no signature. */
export interface PayloadPreview {
  service: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What a webhook's test send came to, in words a person can act on (`error`: say it in the reader's language). */
export interface TestSendReport {
  status: 'Sent' | 'Failed';
  outcome: AttemptResult['verdict']['kind'];
  http_status: number | null;
  latency_ms: number | null;
  error_code: string | null;
  error: Text | null;
}

export class DeliveryService {
  readonly http: HttpSender;
  readonly worker: OutboxWorker;
  private readonly chat: ChatDispatchDeps;
  private readonly channels: Partial<Record<string, ChannelSender>>;

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly settings: DeliverySettings,
  ) {
    this.http = new HttpSender({ allowPrivate: settings.allowPrivate, ...settings.http });
    this.channels = deps.channels?.(this.http) ?? {};
    this.chat = {
      directory: deps.directory,
      http: this.http,
      pacer: settings.pacing ? new Pacer(deps.store.db) : null,
      site: settings.site,
      renderWebhookBody: deps.renderWebhookBody,
    };
    const options = { ...DEFAULT_WORKER_OPTIONS, ...settings.worker, workerId: newWorkerId() };
    const writer = new ResultWriter({
      db: deps.store.db,
      workerId: options.workerId,
      language: settings.site.language,
      recordTallies: (trx, tallies) => deps.directory.recordTallies(trx, tallies),
    });
    this.worker = new OutboxWorker(
      {
        store: deps.store,
        writer,
        directory: deps.directory,
        language: settings.site.language,
        attempt: (row) => this.attempt(row),
        heldChannels: () => this.heldChannels(),
        onAttempt: deps.onAttempt,
        onError: deps.onError,
      },
      options,
    );
  }

  /** One attempt at a claimed row, through its channel. */
  attempt(row: OutboxRow): Promise<AttemptResult> {
    if (row.channel === 'External Collaboration Tool') return dispatchChat(this.chat, row);
    const sender = this.channels[row.channel];
    if (sender) return sender.attempt(row);
    return Promise.resolve({
      row,
      startedAt: nowDatetime(),
      verdict: {
        kind: 'rejected',
        code: 'CHANNEL_NOT_SUPPORTED',
        message: tr`Relais does not send through the ${term(row.channel)} channel`,
      },
      httpStatus: null,
      latencyMs: null,
      response: null,
    });
  }

  /** Channels whose messages wait because they cannot send now. */
  async heldChannels(): Promise<string[]> {
    const held: string[] = [];
    for (const [channel, sender] of Object.entries(this.channels)) {
      if (sender && (await sender.unavailable()) !== null) held.push(channel);
    }
    return held;
  }

  retry(name: string, user: string): Promise<DeliveryStatus> {
    return retryDelivery(this.deps.store, name, user);
  }

  cancel(name: string, user: string): Promise<void> {
    return cancelDelivery(this.deps.store, name, user);
  }

  /**
   * Posts a test message to a webhook now (not through the queue) and says what happened. A webhook
   * marked Broken that answers again is Active: its waiting messages go.
   */
  async sendTest(webhookName: string, text: { subject: string; message: string }): Promise<TestSendReport> {
    const destination = await this.deps.directory.chatDestination(webhookName);
    if (!destination)
      throw new RelaisError('DOCUMENT_NOT_FOUND', tr`${term('Incoming Webhook URL')} ${webhookName} not found`, {
        doctype: 'Incoming Webhook URL',
        name: webhookName,
      });
    const adapter = adapterFor(destination.service);
    if (!adapter)
      throw new RelaisError('INVALID_VALUE', tr`Relais cannot send to ${destination.service} yet`, {
        doctype: 'Incoming Webhook URL',
        field: 'service',
      });
    const now = nowDatetime();
    const row: OutboxRow = {
      name: `test-${hashName()}`,
      notification: '',
      status: 'Sending',
      channel: 'External Collaboration Tool',
      destination: webhookName,
      reference_doctype: '',
      reference_name: '',
      event: 'Test',
      subject: text.subject,
      message: text.message,
      email_to: null,
      email_cc: null,
      email_bcc: null,
      creation: now,
      run_at: now,
      attempts: 1,
      max_attempts: 1,
      locked_by: null,
    };
    const message: ChatMessage = chatMessageOf(row, destination, adapter, this.settings.site);
    const result = await sendAndClassify(this.http, adapter, destination.url, message, row, now);
    const { verdict } = result;
    if (verdict.kind === 'sent' && destination.broken) await this.deps.directory.markWorking(webhookName);
    const failure = verdict.kind === 'sent' || verdict.kind === 'deferred' ? null : verdict;
    return {
      status: verdict.kind === 'sent' ? 'Sent' : 'Failed',
      outcome: verdict.kind,
      http_status: result.httpStatus,
      latency_ms: result.latencyMs,
      error_code: failure?.code ?? null,
      error: failure?.message ?? null,
    };
  }

  /**
   * What a destination would receive for `row` (the preview panel's "exact JSON"): for a webhook, its
   * request body (parsed when JSON), with the URL masked and signatures left out. Nothing is sent.
   */
  async previewPayload(row: OutboxRow): Promise<PayloadPreview | null> {
    if (row.channel !== 'External Collaboration Tool') return null;
    const destination = await this.deps.directory.chatDestination(row.destination);
    const adapter = destination && adapterFor(destination.service);
    if (!destination || !adapter) return null;
    const message = chatMessageOf(row, destination, adapter, this.settings.site);
    if (destination.bodyTemplate && this.deps.renderWebhookBody) {
      message.customBody = await this.deps.renderWebhookBody(
        destination.bodyTemplate,
        webhookBodyContext(message, row, this.settings.site),
      );
    }
    const request = adapter.buildRequest(destination.url, message);
    let body: unknown = request.body;
    try {
      body = JSON.parse(request.body);
    } catch {
      // a form or plain-text body is shown as it is
    }
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !/signature|authorization/i.test(name)));
    return { service: destination.service, method: request.method ?? 'POST', url: adapter.maskUrl(destination.url), headers, body };
  }

  async close(): Promise<void> {
    await this.worker.stop();
    await this.http.close();
    for (const sender of Object.values(this.channels)) await sender?.close?.();
  }
}
