/**
 * Google Chat incoming webhooks (spaces.messages.create with a webhook key and token). Protocol facts:
 * ../shared/reference/chat-webhook-protocols.md §1. Beyond Dokos's `{"text": "…\n<url|Document link>"}`:
 * cards, one thread per document, and a client-assigned messageId so that a retry after a timeout
 * cannot post twice.
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
import { httpMessage, httpOutcome, retryAfterMs, snippet, truncateBytes } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, isLoopbackHost, ok, parseUrl, quotedList, unexpectedParams } from '../url-checks.ts';

const SERVICE = 'Google Chat';
const HOST = 'chat.googleapis.com';
const PATH = /^\/v1\/spaces\/[A-Za-z0-9_-]{1,64}\/messages$/;
const API_KEY = /^AIza[0-9A-Za-z_-]{35}$/;
const TOKEN = /^[A-Za-z0-9_=-]+$/;
/** Google's limit for a message, text and cards together. */
export const MAX_MESSAGE_BYTES = 32_000;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  const testServer = options.allowPrivate && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (!testServer) {
    if (url.protocol !== 'https:') return bad(tr`a ${SERVICE} webhook URL starts with https://`);
    if (url.hostname !== HOST) return bad(tr`a ${SERVICE} webhook URL is on ${HOST}, not ${url.hostname}`);
    if (url.port !== '' && url.port !== '443') return bad(tr`a ${SERVICE} webhook URL has no port (${url.port} given)`);
  }
  if (!PATH.test(url.pathname)) return bad(tr`the path must be /v1/spaces/{space}/messages, as Google Chat gives it`);
  const key = url.searchParams.get('key');
  const token = url.searchParams.get('token');
  if (!key) return bad(tr`the key parameter is missing (copy the whole URL from Google Chat)`);
  if (!API_KEY.test(key)) return bad(tr`the key parameter is not a Google API key (AIza… and 39 characters)`);
  if (!token) return bad(tr`the token parameter is missing (copy the whole URL from Google Chat)`);
  if (!TOKEN.test(token)) return bad(tr`the token parameter holds characters Google Chat tokens never have`);
  const extra = unexpectedParams(url, ['key', 'token']);
  if (extra.length > 0) return bad(tr`unexpected parameter ${quotedList(extra)}: keep only key and token`);
  return ok;
}

/** `https://chat.googleapis.com/v1/spaces/AAAA/messages?key=…&token=••••` */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  return `${url.origin}${url.pathname}?key=…&token=••••`;
}

/** `client-` and 56 hex characters of the delivery's digest: ≤ 63 lowercase characters, as Google requires. */
export function messageIdFor(deliveryName: string): string {
  return `client-${crypto.hash('sha256', deliveryName, 'hex').slice(0, 56)}`;
}

/** Google Chat markup treats `<`, `>` and `&` as control characters; a link label must not contain `|` or `>`. */
const linkLabel = (label: string) => label.replace(/[|<>]/g, '');

function textBody(message: ChatMessage, text: string): Record<string, unknown> {
  const labels = LABELS[message.language];
  const link = message.documentUrl ? `\n<${message.documentUrl}|${linkLabel(labels.documentLink)}>` : '';
  return { text: text + link };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A card: the subject as header, the message (cards take a small HTML subset), an "Open document" button. */
function cardBody(message: ChatMessage, text: string): Record<string, unknown> {
  const labels = LABELS[message.language];
  const widgets: unknown[] = [{ textParagraph: { text: escapeHtml(text).replace(/\n/g, '<br>') } }];
  if (message.documentUrl) {
    widgets.push({ buttonList: { buttons: [{ text: labels.openDocument, onClick: { openLink: { url: message.documentUrl } } }] } });
  }
  const title = truncateBytes(message.subject, 1_000, '…');
  return {
    text: title,
    cardsV2: [{ cardId: 'relais-message', card: { header: { title: title || ' ' }, sections: [{ widgets }] } }],
  };
}

/**
 * The body for `message`, its text cut (with the "truncated" marker) until the whole JSON body fits in
 * Google's 32,000 bytes: escaping (JSON's `\n` and `\"`, a card's `&amp;` and `<br>`) makes the body
 * grow by up to five times the text, so the cut is measured on the result, not on the text.
 */
function fittedBody(message: ChatMessage): Record<string, unknown> {
  const build = message.format === 'Card' ? cardBody : textBody;
  const marker = LABELS[message.language].truncated;
  let text = message.message;
  let body = build(message, text);
  for (let tries = 0; tries < 20; tries++) {
    const size = Buffer.byteLength(JSON.stringify(body));
    if (size <= MAX_MESSAGE_BYTES - THREAD_ROOM) return body;
    // Shrink by the overflow, scaled by how much the escaping grew this text, with some margin.
    const textBytes = Buffer.byteLength(text);
    const growth = Math.max(1, size / Math.max(1, textBytes));
    text = truncateBytes(
      message.message,
      Math.max(0, Math.floor(textBytes - (size - MAX_MESSAGE_BYTES + THREAD_ROOM) / growth) - 64),
      marker,
    );
    body = build(message, text);
  }
  return body;
}

/** Bytes kept free for the `thread` object added after fitting. */
const THREAD_ROOM = 200;

/** Google's limit is per space (60 writes a minute shared by every app and webhook in it). */
function pacingKey(raw: string): string {
  const url = parseUrl(raw);
  const space = url instanceof URL ? /^\/v1\/spaces\/([^/]+)\//.exec(url.pathname)?.[1] : null;
  return space ? `google-chat:${space}` : `google-chat:${raw}`;
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = fittedBody(message);
  // Appended to the URL as text, so the webhook's own key and token stay byte-exact.
  let url = `${webhookUrl}&messageId=${messageIdFor(message.deliveryName)}`;
  if (message.threadKey) {
    body.thread = { threadKey: message.threadKey };
    url += '&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';
  }
  return { url, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

interface GoogleError {
  error?: { code?: number; status?: string; message?: string; details?: Array<Record<string, unknown>> };
}

function parseJson<T>(body: string): T | null {
  try {
    return JSON.parse(body) as T;
  } catch {
    return null;
  }
}

/** `google.rpc.RetryInfo.retryDelay` ("1.5s") in ms, when the error carries one. */
function retryInfoMs(error: GoogleError['error']): number | null {
  for (const detail of error?.details ?? []) {
    const delay = detail['retryDelay'];
    if (String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo') && typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) {
      return Math.round(parseFloat(delay) * 1000);
    }
  }
  return null;
}

function classify(answer: HttpAnswer): SendOutcome {
  if (answer.status === 200) {
    const created = parseJson<{ name?: unknown }>(answer.body);
    return { kind: 'sent', remoteId: typeof created?.name === 'string' ? created.name : null };
  }
  const error = parseJson<GoogleError>(answer.body)?.error;
  const status = error?.status ?? '';
  const detail = error?.message ? `${status ? `${status}: ` : ''}${error.message}` : snippet(answer.body);
  // The messageId exists already: an earlier attempt was posted (its answer was lost). That is success.
  if (answer.status === 409 || status === 'ALREADY_EXISTS') return { kind: 'sent', remoteId: null };
  const keyInvalid = JSON.stringify(error?.details ?? []).includes('API_KEY_INVALID');
  if (answer.status === 400 && keyInvalid)
    return { kind: 'broken', code: 'GOOGLE_CHAT_API_KEY_INVALID', message: httpMessage(400, detail) };
  const outcome = httpOutcome(answer, detail);
  if (outcome.kind === 'retry') return { ...outcome, retryAfterMs: retryInfoMs(error) ?? retryAfterMs(answer.headers) };
  return outcome;
}

export const googleChat: ChannelAdapter = {
  service: 'Google Chat',
  defaultRatePerMinute: 60,
  canThread: true,
  hasCards: true,
  checkUrl,
  maskUrl,
  pacingKey,
  buildRequest,
  classify,
};
