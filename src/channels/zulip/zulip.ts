/**
 * Zulip through its Slack-compatible incoming webhook (`/api/v1/external/slack_incoming`), so that a
 * Zulip destination is a URL like the others: the bot's API key and the channel travel in the query.
 * Protocol facts: ../shared/reference/chat-webhook-protocols.md §7.2–7.3. Zulip converts the Slack
 * text (`*bold*` → `**bold**`, `<url|label>` → `[label](url)`), so messages are written as for Slack.
 * One thread per document = one topic per document.
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
import { httpMessage, httpOutcome, parseJsonBody, retryAfterMs, snippet, truncateBytes } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, isAllowedSelfHostedScheme, ok, parseUrl, quotedList, unexpectedParams } from '../url-checks.ts';

const SERVICE = 'Zulip';
const PATH = '/api/v1/external/slack_incoming';
const API_KEY = /^[A-Za-z0-9]{32}$/;
const PARAMS = ['api_key', 'stream', 'topic'];
/** Zulip's default `max_message_length`. */
export const MAX_MESSAGE_BYTES = 10_000;
/** Zulip's longest topic, in characters. */
export const MAX_TOPIC_CHARS = 60;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad(tr`a ${SERVICE} webhook URL starts with https://`);
  if (url.pathname !== PATH) return bad(tr`the path must be ${PATH} (Zulip's Slack-compatible incoming webhook)`);
  const key = url.searchParams.get('api_key');
  if (!key) return bad(tr`the api_key parameter is missing (the bot's API key, from Zulip's integration URL)`);
  if (!API_KEY.test(key)) return bad(tr`the api_key parameter is not a Zulip API key (32 letters and digits)`);
  if (!url.searchParams.get('stream')) return bad(tr`the stream parameter is missing: without it Zulip writes to the bot owner privately`);
  if (url.searchParams.has('topic') && !url.searchParams.get('topic')!.trim()) return bad(tr`the topic parameter is empty`);
  const extra = unexpectedParams(url, PARAMS);
  if (extra.length > 0) return bad(tr`unexpected parameter ${quotedList(extra)}: keep only api_key, stream and topic`);
  return ok;
}

/** `https://chat.example.com/api/v1/external/slack_incoming?api_key=••••&stream=general` (and the topic, when set). */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  const shown = ['stream', 'topic']
    .filter((p) => url.searchParams.has(p))
    .map((p) => `&${p}=${encodeURIComponent(url.searchParams.get(p)!)}`);
  return `${url.origin}${url.pathname}?api_key=••••${shown.join('')}`;
}

/** At most `max` characters (code points, as Zulip counts), ending with `…` when cut. */
function cutChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The topic of a document's messages: `Issue ISS-0042`. Over 60 characters, the doctype is shortened
 * first so that the name, which tells documents apart, stays whole as long as it can.
 */
export function topicFor(message: ChatMessage): string {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (!message.document) return cutChars(flat(message.threadKey ?? ''), MAX_TOPIC_CHARS);
  const doctype = flat(message.document.doctype);
  const name = flat(message.document.name);
  const full = `${doctype} ${name}`;
  if ([...full].length <= MAX_TOPIC_CHARS) return full;
  const room = MAX_TOPIC_CHARS - [...name].length - 1; // 1: the space
  return room >= 4 ? `${cutChars(doctype, room)} ${name}` : cutChars(name, MAX_TOPIC_CHARS);
}

/** `Text`: the message and the document link. `Card`: Slack blocks Zulip renders — the subject as a heading. */
function slackBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const link = message.documentUrl ? `\n<${message.documentUrl}|${labels.documentLink.replace(/[|>]/g, '')}>` : '';
  // Zulip cuts a longer message itself, link included; cut here so the link stays. Its limit counts the
  // converted text, where `*x*` becomes `**x**` and `<url|label>` `[label](url)`: keep 10% for that.
  const room = Math.floor(MAX_MESSAGE_BYTES * 0.9) - Buffer.byteLength(link) - Buffer.byteLength(message.subject);
  const text = truncateBytes(message.message, room, labels.truncated);
  if (message.format !== 'Card' || !message.subject) return { text: text + link };
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: message.subject } }];
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: text + link } });
  return { text: message.subject, blocks };
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  let url = webhookUrl;
  // A topic in the pasted URL wins; otherwise one topic per document, appended as text (the URL stays byte-exact).
  const parsed = parseUrl(webhookUrl);
  const userTopic = parsed instanceof URL && parsed.searchParams.has('topic');
  const topic = message.threadKey && !userTopic ? topicFor(message) : '';
  if (topic) url += `&topic=${encodeURIComponent(topic)}`;
  return { url, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(slackBody(message)) };
}

/** `{"result": "error", "msg": "…", "code": "…"}`, and `retry-after` (seconds) on a 429. */
interface ZulipError {
  msg?: string;
  code?: string;
  'retry-after'?: number;
}

/** Zulip error codes that mean the webhook itself is wrong (its `msg` is translated: match the code). */
const BROKEN_CODES = new Set(['INVALID_API_KEY', 'USER_DEACTIVATED', 'REALM_DEACTIVATED', 'STREAM_DOES_NOT_EXIST']);

function classify(answer: HttpAnswer): SendOutcome {
  const error = parseJsonBody<ZulipError>(answer.body);
  const detail = error?.msg ? `${error.code ? `${error.code}: ` : ''}${error.msg}` : snippet(answer.body);
  if (answer.status >= 300 && error?.code && BROKEN_CODES.has(error.code)) {
    return { kind: 'broken', code: `ZULIP_${error.code}`, message: httpMessage(answer.status, detail) };
  }
  const outcome = httpOutcome(answer, detail);
  if (outcome.kind !== 'retry') return outcome;
  const bodyDelay = typeof error?.['retry-after'] === 'number' ? Math.round(error['retry-after'] * 1000) : null;
  return { ...outcome, retryAfterMs: retryAfterMs(answer.headers) ?? bodyDelay };
}

export const zulip: ChannelAdapter = {
  service: 'Zulip',
  defaultRatePerMinute: 120,
  canThread: true,
  hasCards: true,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
