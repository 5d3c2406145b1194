/**
 * The generic JSON webhook (service `Webhook`): Relais's own contract, for receivers that are not a
 * chat service (../shared/reference/chat-webhook-protocols.md §8). A POST of JSON — the default body
 * below, or the user's body template rendered — signed with Standard Webhooks
 * (https://github.com/standard-webhooks/webhooks) when the webhook has a signing secret. The delivery
 * name is the message id: the same on every retry, so that a receiver can drop duplicates.
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type {
  ChannelAdapter,
  ChatMessage,
  HttpAnswer,
  OutboundRequest,
  SendOutcome,
  UrlCheckOptions,
  UrlVerdict,
} from '../channel-types.ts';
import { httpOutcome } from '../http-outcomes.ts';
import { bad, isAllowedSelfHostedScheme, ok, parseUrl } from '../url-checks.ts';

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (typeof url === 'string') return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad('a webhook URL starts with https://');
  return ok;
}

/** `https://hooks.example.com/••••`: a receiver's path or query may hold its own secret. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  return typeof url === 'string' ? '••••' : `${url.origin}/••••`;
}

/** `Sales Invoice`, `Days Before` → `sales-invoice`, `days-before`. */
const kebab = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

/** The event type: `<doctype>.<event>` in lower kebab case (`sales-invoice.submit`), the event alone without a document. */
export function eventType(message: ChatMessage): string {
  return message.document ? `${kebab(message.document.doctype)}.${kebab(message.event)}` : kebab(message.event);
}

/** The body sent when the webhook has no body template. */
export function defaultBody(message: ChatMessage): Record<string, unknown> {
  return {
    id: message.deliveryName,
    type: eventType(message),
    occurredAt: message.occurredAt,
    subject: message.subject,
    text: message.message,
    document: message.document ? { ...message.document, url: message.documentUrl } : null,
    notification: message.notification,
  };
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = message.customBody ?? JSON.stringify(defaultBody(message));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Relais',
    'idempotency-key': message.deliveryName,
  };
  if (message.signingSecret !== null) {
    const timestamp = new Date(message.attemptAt * 1000);
    headers['webhook-id'] = message.deliveryName;
    headers['webhook-timestamp'] = String(message.attemptAt);
    headers['webhook-signature'] = new StandardWebhook(message.signingSecret).sign(message.deliveryName, timestamp, body);
  }
  return { url: webhookUrl, headers, body };
}

/** 2xx sent; 408, 425, 429 and 5xx retried; 401, 403, 404 and 410 (the endpoint is gone) broken; other 4xx refused. */
function classify(answer: HttpAnswer): SendOutcome {
  return httpOutcome(answer);
}

export const webhook: ChannelAdapter = {
  service: 'Webhook',
  // No service limit to follow: one a second, as for the chat services, unless the webhook sets its own.
  defaultRatePerMinute: 60,
  canThread: false,
  hasCards: false,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
