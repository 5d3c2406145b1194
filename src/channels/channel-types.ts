/**
 * What every chat-service adapter provides: URL validation and masking, the request for a message,
 * and the classification of the service's answer. Adapters are pure functions: the delivery worker
 * opens the sockets, sleeps, retries and records attempts.
 */
import type { Text } from '../i18n/text.ts';

/** Services an Incoming Webhook URL can point to (the `service` field); `Webhook` is a generic signed JSON POST. */
export const SERVICE_NAMES = [
  'Google Chat',
  'Slack',
  'Microsoft Teams',
  'Mattermost',
  'Rocket.Chat',
  'Discord',
  'Zulip',
  'ntfy',
  'Webhook',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Languages of the labels Relais adds to messages (`Document link`…), from the site language. */
export type Language = 'en' | 'fr';

export interface UrlCheckOptions {
  /**
   * RELAIS_ALLOW_PRIVATE_WEBHOOKS: private and loopback destinations are allowed (self-hosted
   * services on a private network, and tests), and a service's `http://127.0.0.1:PORT` look-alike too.
   */
  allowPrivate: boolean;
}

/** A URL check: fine, or the reason in words for the person who pasted it (said in their language). */
export type UrlVerdict = { ok: true } | { ok: false; reason: Text };

/** One message to post, as the worker hands it to an adapter. */
export interface ChatMessage {
  /** The delivery's name: stable across retries, the base of idempotency ids (Google Chat `messageId`). */
  deliveryName: string;
  subject: string;
  message: string;
  /** Link to the document the message is about, or null (no document, or `show_document_link` off). */
  documentUrl: string | null;
  /** Groups the messages about one document into one thread, where the service can; null for none. */
  threadKey: string | null;
  format: 'Text' | 'Card';
  language: Language;
  /** The site's name, shown as the sender where a service lets the webhook choose it (Discord). */
  siteName: string;
  /** The document the message is about (generic webhook body, Zulip topic), or null. */
  document: { doctype: string; name: string } | null;
  /** The Notification rule and its event (`New`, `Save`, `Submit`, `Days Before`…) that queued it. */
  notification: string;
  event: string;
  /** When the event happened (the delivery's creation), ISO 8601 UTC. */
  occurredAt: string;
  /** When this attempt is made, in Unix seconds (Standard Webhooks' `webhook-timestamp`). */
  attemptAt: number;
  /** Generic webhook: its signing secret (`whsec_…`), or null to send unsigned. */
  signingSecret: string | null;
  /** Generic webhook: the user's body template, already rendered (JSON text), or null for the default body. */
  customBody: string | null;
}

/** The HTTP request to send. `url` keeps the webhook URL byte for byte. */
export interface OutboundRequest {
  /** POST unless said (an SMS gateway may take its parameters in a GET query string, with an empty body). */
  method?: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the service answered. Header names are lower case. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * The outcome of one attempt. `retry`: try again later (after `retryAfterMs` when the service says);
 * `broken`: the destination itself is wrong (revoked, deleted, forbidden) — hold its messages until
 * someone fixes it; `rejected`: the service refused this message — retrying it would not help.
 * `message` says why in words (the service's own answer quoted as a value): stored in the site
 * language, answered in the reader's.
 */
export type SendOutcome =
  | { kind: 'sent'; remoteId: string | null }
  | { kind: 'retry'; code: string; message: Text; retryAfterMs: number | null }
  | { kind: 'broken'; code: string; message: Text }
  | { kind: 'rejected'; code: string; message: Text };

export interface ChannelAdapter {
  service: ServiceName;
  /** Messages per minute to one webhook when the webhook sets no `rate_limit_per_minute`. */
  defaultRatePerMinute: number;
  /** Whether messages about one document can go to one thread (`thread_by_document`). */
  canThread: boolean;
  /** Whether the `Card` message format exists for this service. */
  hasCards: boolean;
  checkUrl(url: string, options: UrlCheckOptions): UrlVerdict;
  /** The URL with its secret parts replaced, for reads, logs and errors. */
  maskUrl(url: string): string;
  /**
   * What the service's rate limit applies to, when it is not the webhook itself: Google Chat limits
   * a space, whichever webhook posts to it. Webhooks with the same key share one pace.
   */
  pacingKey?(webhookUrl: string): string;
  buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest;
  classify(answer: HttpAnswer): SendOutcome;
}
