/**
 * Mattermost incoming webhooks (`https://{server}[/subpath]/hooks/{id}`, self-hosted). Protocol facts:
 * ../shared/reference/chat-webhook-protocols.md §4. Dokos's `{"text"}` payload with a Markdown document
 * link, cards as a message attachment. No threads: the webhook takes no `root_id`.
 */
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
import { codedOutcome, httpOutcome, parseJsonBody, truncateChars } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, isAllowedSelfHostedScheme, ok, parseUrl, splitAtSegment } from '../url-checks.ts';

const SERVICE = 'Mattermost';
/** Mattermost ids: 26 lowercase base32 characters. */
const HOOK_ID = /^[a-z0-9]{26}$/;
/** A post holds 16,383 characters (runes); Mattermost splits a longer text into several posts. */
export const MAX_POST_CHARS = 16_383;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad(tr`a ${SERVICE} webhook URL starts with https://`);
  const path = splitAtSegment(url.pathname, 'hooks');
  if (!path || path.parts.length > 1) return bad(tr`the path must end with /hooks/{id}, as Mattermost gives it`);
  const [id] = path.parts;
  if (!id) return bad(tr`the webhook id after /hooks/ is missing (copy the whole URL from Mattermost)`);
  if (!HOOK_ID.test(id)) return bad(tr`the webhook id after /hooks/ is 26 lowercase letters and digits in a Mattermost URL`);
  if (url.search) return bad(tr`a ${SERVICE} webhook URL has no ?parameters`);
  return ok;
}

/** `https://chat.example.com/hooks/••••`: the id is the whole secret. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  const path = splitAtSegment(url.pathname, 'hooks');
  return `${url.origin}${path ? `${path.base}/hooks` : ''}/••••`;
}

/**
 * Dokos sends Slack's `<url|label>`, which Mattermost translates in incoming webhooks (§4.3); Relais
 * writes Mattermost's own Markdown link instead, which needs no translation. Parentheses and spaces in
 * the URL are percent-encoded so that they cannot end the link early.
 */
function markdownLink(label: string, url: string): string {
  const target = url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label.replace(/[[\]]/g, '')}](${target})`;
}

function textBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const link = message.documentUrl ? `\n${markdownLink(labels.documentLink, message.documentUrl)}` : '';
  return { text: truncateChars(message.message, MAX_POST_CHARS - link.length, labels.truncated) + link };
}

/** A message attachment (§4.2): the subject as title, linked to the document, the message as its text. */
function cardBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const text = truncateChars(message.message, MAX_POST_CHARS, labels.truncated);
  const title = message.subject.trim() || (message.documentUrl ? labels.documentLink : '');
  const attachment: Record<string, unknown> = { fallback: title || truncateChars(text, 300, '…'), text };
  if (title) attachment.title = title;
  if (title && message.documentUrl) attachment.title_link = message.documentUrl;
  return { attachments: [attachment] };
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = message.format === 'Card' ? cardBody(message) : textBody(message);
  return { url: webhookUrl, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

/**
 * Mattermost's AppError ids (§4.5, server/channels/app/webhook.go) and what they mean: match the id, not
 * the status (an unknown hook is a 400). The webhook's creator is the `user`: gone, the hook is broken.
 */
const ERRORS = new Map<string, { kind: 'broken' | 'rejected'; code: string }>([
  ['web.incoming_webhook.invalid.app_error', { kind: 'broken', code: 'MATTERMOST_UNKNOWN_WEBHOOK' }],
  ['web.incoming_webhook.channel.app_error', { kind: 'broken', code: 'MATTERMOST_CHANNEL_NOT_FOUND' }],
  ['web.incoming_webhook.channel_locked.app_error', { kind: 'broken', code: 'MATTERMOST_CHANNEL_LOCKED' }],
  ['web.incoming_webhook.permissions.app_error', { kind: 'broken', code: 'MATTERMOST_NO_PERMISSION' }],
  ['web.incoming_webhook.user.app_error', { kind: 'broken', code: 'MATTERMOST_USER_NOT_FOUND' }],
  ['web.incoming_webhook.parse.app_error', { kind: 'rejected', code: 'MATTERMOST_UNPARSABLE' }],
  ['web.incoming_webhook.text.app_error', { kind: 'rejected', code: 'MATTERMOST_NO_TEXT' }],
]);

function classify(answer: HttpAnswer): SendOutcome {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'sent', remoteId: null };
  const id = parseJsonBody<{ id?: unknown }>(answer.body)?.id;
  if (status === 501 || id === 'web.incoming_webhook.disabled.app_error')
    return codedOutcome('broken', 'MATTERMOST_WEBHOOKS_DISABLED', answer);
  const known = typeof id === 'string' && status < 500 && status !== 429 ? ERRORS.get(id) : undefined;
  return known ? codedOutcome(known.kind, known.code, answer) : httpOutcome(answer);
}

export const mattermost: ChannelAdapter = {
  service: 'Mattermost',
  /**
   * §0.3 suggests at most 5 messages a second per server (its rate limit, off by default, allows 10).
   * Several webhooks usually share a server: one a second each keeps five of them within it.
   */
  defaultRatePerMinute: 60,
  canThread: false,
  hasCards: true,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
