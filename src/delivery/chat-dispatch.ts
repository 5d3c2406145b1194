/**
 * One attempt at a chat message: the webhook's settings, the adapter's request, pacing, the HTTP send
 * and the adapter's reading of the answer, turned into an AttemptResult. Never throws for a send
 * problem: failures are data (the attempt log).
 */
import crypto from 'node:crypto';
import type { ChannelAdapter, ChatMessage, Language } from '../channels/channel-types.ts';
import { adapterFor } from '../channels/registry.ts';
import { nowDatetime } from '../documents/doc.ts';
import { isRelaisError } from '../errors/relais-error.ts';
import { term, tr, verbatim, type Text } from '../i18n/text.ts';
import { urlToForm } from '../templates/text-helpers.ts';
import type { AttemptResult, AttemptVerdict } from './delivery-results.ts';
import type { ChatDestination, DestinationDirectory } from './destinations.ts';
import type { HttpSender, SendResult } from './http-sender.ts';
import type { OutboxRow } from './outbox-claim.ts';
import type { Pacer } from './pacing.ts';
import { redact, redactText, secretPartsOf } from './answer-redaction.ts';

export interface SiteInfo {
  url: string;
  name: string;
  language: Language;
}

export interface ChatDispatchDeps {
  directory: DestinationDirectory;
  http: HttpSender;
  /** null: pacing off (benchmarks; a service's 429 still slows the messages down). */
  pacer: Pacer | null;
  site: SiteInfo;
  /** Renders a generic webhook's body template (integrations/webhook-body.ts); throws a RelaisError when it is not JSON. */
  renderWebhookBody?: (template: string, context: Record<string, unknown>) => Promise<string>;
}

/** The thread of a document: the same key for every message about it, whatever the destination. */
export function threadKeyOf(doctype: string, name: string): string {
  return `relais-${crypto.hash('sha256', `${doctype}\u0000${name}`, 'hex').slice(0, 40)}`;
}

const fail = (row: OutboxRow, startedAt: string, code: string, message: Text, retryable = false): AttemptResult => ({
  row,
  startedAt,
  verdict: { kind: 'error', code, message, retryable },
  httpStatus: null,
  latencyMs: null,
  response: null,
});

/** The message an adapter gets for `row` sent to `destination`. */
export function chatMessageOf(row: OutboxRow, destination: ChatDestination, adapter: ChannelAdapter, site: SiteInfo): ChatMessage {
  const hasDocument = Boolean(row.reference_doctype && row.reference_name);
  return {
    deliveryName: row.name,
    subject: row.subject ?? '',
    message: row.message ?? '',
    documentUrl: hasDocument && destination.showDocumentLink ? urlToForm(site.url, row.reference_doctype, row.reference_name) : null,
    threadKey:
      hasDocument && destination.threadByDocument && adapter.canThread ? threadKeyOf(row.reference_doctype, row.reference_name) : null,
    format: adapter.hasCards ? destination.format : 'Text',
    language: site.language,
    siteName: site.name,
    document: hasDocument ? { doctype: row.reference_doctype, name: row.reference_name } : null,
    notification: row.notification,
    event: row.event,
    occurredAt: new Date(`${row.creation.replace(' ', 'T')}Z`).toISOString(),
    attemptAt: Math.floor(Date.now() / 1000),
    signingSecret: destination.signingSecret,
    customBody: null,
  };
}

/** Sends `row` to its webhook; resolves with what happened. */
export async function dispatchChat(deps: ChatDispatchDeps, row: OutboxRow): Promise<AttemptResult> {
  const startedAt = nowDatetime();
  const destination = await deps.directory.chatDestination(row.destination);
  if (!destination) {
    return fail(row, startedAt, 'WEBHOOK_NOT_FOUND', tr`${term('Incoming Webhook URL')} ${row.destination} no longer exists`);
  }
  const result = await dispatchTo(deps, row, destination, startedAt);
  result.service = destination.service;
  return result;
}

/** The attempt at `row` once its webhook is known. */
async function dispatchTo(deps: ChatDispatchDeps, row: OutboxRow, destination: ChatDestination, startedAt: string): Promise<AttemptResult> {
  const adapter = adapterFor(destination.service);
  if (!adapter) return fail(row, startedAt, 'SERVICE_NOT_SUPPORTED', tr`Relais cannot send to ${destination.service} yet`);
  const message = chatMessageOf(row, destination, adapter, deps.site);
  if (destination.bodyTemplate && deps.renderWebhookBody) {
    try {
      message.customBody = await deps.renderWebhookBody(destination.bodyTemplate, webhookBodyContext(message, row, deps.site));
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'WEBHOOK_BODY_INVALID';
      const why = isRelaisError(err) ? err.text : verbatim((err as Error).message);
      return fail(row, startedAt, code, tr`Body template: ${why}`);
    }
  }
  const send = () => sendAndClassify(deps.http, adapter, destination.url, message, row, nowDatetime());
  if (!deps.pacer) return send();
  const perMinute = destination.ratePerMinute > 0 ? destination.ratePerMinute : adapter.defaultRatePerMinute;
  const key = adapter.pacingKey?.(destination.url) ?? `webhook:${destination.name}`;
  const paced = await deps.pacer.run(key, perMinute, send);
  if (paced.kind === 'sent') return paced.value;
  return { row, startedAt, verdict: { kind: 'deferred', until: paced.until }, httpStatus: null, latencyMs: null, response: null };
}

/**
 * When the destination gave no answer at all: an address Relais may not reach, or a URL that does not
 * parse, is the destination's fault (held until fixed); anything else (refused, reset, timeout) is
 * worth a retry.
 */
export function noAnswerVerdict(failure: Extract<SendResult, { kind: 'failure' }>): AttemptVerdict {
  return failure.retryable
    ? { kind: 'retry', code: failure.code, message: failure.message, retryAfterMs: null }
    : { kind: 'broken', code: failure.code, message: failure.message };
}

/** The URL's hidden parts, worked out once per URL (every message to a webhook has the same). */
function secretsOf(adapter: ChannelAdapter, url: string): string[] {
  let secrets = secretsByUrl.get(url);
  if (!secrets) {
    secrets = secretPartsOf(url, adapter.maskUrl(url));
    if (secretsByUrl.size >= 1_000) secretsByUrl.clear();
    secretsByUrl.set(url, secrets);
  }
  return secrets;
}
const secretsByUrl = new Map<string, string[]>();

/** Posts the adapter's request for `message` and reads the answer. */
export async function sendAndClassify(
  http: HttpSender,
  adapter: ChannelAdapter,
  url: string,
  message: ChatMessage,
  row: OutboxRow,
  startedAt: string,
): Promise<AttemptResult> {
  const result: SendResult = await http.send(adapter.buildRequest(url, message));
  const secrets = secretsOf(adapter, url);
  if (result.kind === 'failure') {
    const verdict = noAnswerVerdict({ ...result, message: redactText(result.message, secrets) });
    return { row, startedAt, verdict, httpStatus: null, latencyMs: result.latencyMs, response: null };
  }
  const { answer } = result;
  const verdict = adapter.classify(answer);
  if ('message' in verdict) verdict.message = redactText(verdict.message, secrets);
  return { row, startedAt, verdict, httpStatus: answer.status, latencyMs: result.latencyMs, response: redact(answer.body, secrets) };
}

/** What a generic webhook's body template sees (documented in integrations/webhook-body.ts). */
export function webhookBodyContext(message: ChatMessage, row: OutboxRow, site: SiteInfo): Record<string, unknown> {
  return {
    subject: message.subject,
    message: message.message,
    document: {
      doctype: row.reference_doctype,
      name: row.reference_name,
      url: urlToForm(site.url, row.reference_doctype, row.reference_name),
    },
    event: row.event,
    notification: row.notification,
    delivery: row.name,
    occurred_at: message.occurredAt,
    site_url: site.url,
  };
}
