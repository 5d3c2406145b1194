/**
 * ntfy (https://ntfy.sh or a self-hosted server): push notifications to a topic. The destination is the
 * topic URL `https://host/{topic}` (with `?auth=…` for a protected topic); the message is published
 * as JSON to the server root (https://docs.ntfy.sh/publish/#publish-as-json). JSON rather than the
 * plain body with `Title`/`Click` headers: ntfy reads UTF-8 header values, but HTTP clients send header
 * bytes as Latin-1 or refuse them, so an accented subject would need RFC 2047 encoding — in a JSON body
 * it is plain UTF-8, and the message cannot be mistaken for a file attachment.
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
import { httpMessage, httpOutcome, jsonWithin, parseJsonBody, snippet, truncateBytes } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, isAllowedSelfHostedScheme, ok, parseUrl, quotedList, unexpectedParams } from '../url-checks.ts';

const TOPIC_PATH = /^\/([-_A-Za-z0-9]{1,64})$/;
/** ntfy's `?auth=`: an Authorization header value in unpadded base64url. */
const AUTH = /^[A-Za-z0-9_-]+$/;
/** Names an ntfy server keeps for itself (its default `disallowed-topics`). */
const RESERVED_TOPICS = ['docs', 'static', 'file', 'app', 'metrics', 'account', 'settings', 'signup', 'login', 'v1'];
/** ntfy's longest message; a longer one would become an attachment. */
export const MAX_MESSAGE_BYTES = 4_096;
/** A JSON publish may be twice the message limit. */
const MAX_JSON_BYTES = 2 * MAX_MESSAGE_BYTES;
const MAX_TITLE_BYTES = 256;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad(tr`an ntfy topic URL starts with https://`);
  const topic = TOPIC_PATH.exec(url.pathname)?.[1];
  if (!topic) return bad(tr`the URL must be the topic URL, https://{server}/{topic}, with a topic of up to 64 letters, digits, - and _`);
  if (RESERVED_TOPICS.includes(topic)) return bad(tr`"${topic}" is a name ntfy keeps for itself, not a topic`);
  const auth = url.searchParams.getAll('auth');
  if (auth.length > 1) return bad(tr`the auth parameter is given twice`);
  if (auth.length === 1 && !AUTH.test(auth[0])) return bad(tr`the auth parameter must be ntfy's base64url-encoded Authorization header`);
  const extra = unexpectedParams(url, ['auth']);
  if (extra.length > 0) return bad(tr`unexpected parameter ${quotedList(extra)}: keep only auth`);
  return ok;
}

/** `https://ntfy.sh/••••`: on a public server the topic name is the password. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  return url instanceof URL ? `${url.origin}/••••` : '••••';
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const url = new URL(webhookUrl);
  const labels = LABELS[message.language];
  const title = truncateBytes(message.subject, MAX_TITLE_BYTES, '…');
  const text = truncateBytes(message.message, MAX_MESSAGE_BYTES, labels.truncated);
  const body = jsonWithin(MAX_JSON_BYTES, text, labels.truncated, (cut) => ({
    topic: url.pathname.slice(1),
    title,
    message: cut,
    markdown: true,
    ...(message.documentUrl ? { click: message.documentUrl } : {}),
  }));
  // The JSON form goes to the server root; `auth` (checked to be base64url) is copied as it was written.
  return { url: `${url.origin}/${url.search}`, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
}

/** ntfy's errors: `{"code": 40101, "http": 401, "error": "unauthorized", "link": "…"}`. */
interface NtfyError {
  code?: number;
  error?: string;
}

/** 40009 (topic invalid) and 40010 (topic not allowed on this server): the URL is wrong, not the message. */
const BAD_TOPIC_CODES = new Set([40009, 40010]);

function classify(answer: HttpAnswer): SendOutcome {
  const parsed = parseJsonBody<NtfyError & { id?: unknown }>(answer.body);
  if (answer.status >= 200 && answer.status < 300) return { kind: 'sent', remoteId: typeof parsed?.id === 'string' ? parsed.id : null };
  const detail = parsed?.error ? `${parsed.code ?? ''} ${parsed.error}`.trim() : snippet(answer.body);
  if (answer.status === 400 && parsed?.code !== undefined && BAD_TOPIC_CODES.has(parsed.code)) {
    return { kind: 'broken', code: 'NTFY_TOPIC_INVALID', message: httpMessage(400, detail) };
  }
  return httpOutcome(answer, detail);
}

export const ntfy: ChannelAdapter = {
  service: 'ntfy',
  // An ntfy server refills a sender's request allowance at one per 5 seconds (after a burst of 60).
  defaultRatePerMinute: 12,
  canThread: false,
  hasCards: false,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
