/**
 * The generic JSON webhook (service `Webhook`): Relais's own contract, for receivers that are not a
 * chat service (../shared/reference/chat-webhook-protocols.md §8). A POST of JSON — the default body
 * below, or the user's body template rendered — signed with Standard Webhooks
 * (https://github.com/standard-webhooks/webhooks) when the webhook has a signing secret. The delivery
 * name is the message id: the same on every retry, so that a receiver can drop duplicates.
 */
import crypto from 'node:crypto';
import type {
  ChannelAdapter,
  ChatMessage,
  HttpAnswer,
  OutboundRequest,
  SendOutcome,
  UrlCheckOptions,
  UrlVerdict,
} from '../channel-types.ts';
import { tr } from '../../i18n/text.ts';
import { httpOutcome } from '../http-outcomes.ts';
import { bad, isAllowedSelfHostedScheme, ok, parseUrl } from '../url-checks.ts';

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad(tr`a webhook URL starts with https://`);
  return ok;
}

/** `https://hooks.example.com/••••`: a receiver's path or query may hold its own secret. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  return url instanceof URL ? `${url.origin}/••••` : '••••';
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

/**
 * Standard Webhooks' `v1,` signature: base64 HMAC-SHA256, keyed by the secret's base64 part, of
 * `{id}.{timestamp}.{body}`. Node's own HMAC rather than the `standardwebhooks` package's (pure
 * JavaScript SHA-256, a tenth of the delivery worker's time); the tests verify with the package.
 */
function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  let key = signingKeys.get(secret);
  if (!key) {
    key = crypto.createSecretKey(Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64'));
    if (signingKeys.size >= 1_000) signingKeys.clear();
    signingKeys.set(secret, key);
  }
  return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Decoded signing keys by secret (a webhook's messages all use one). */
const signingKeys = new Map<string, crypto.KeyObject>();

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = message.customBody ?? JSON.stringify(defaultBody(message));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Relais',
    'idempotency-key': message.deliveryName,
  };
  if (message.signingSecret !== null) {
    headers['webhook-id'] = message.deliveryName;
    headers['webhook-timestamp'] = String(message.attemptAt);
    headers['webhook-signature'] = standardSignature(message.signingSecret, message.deliveryName, message.attemptAt, body);
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
