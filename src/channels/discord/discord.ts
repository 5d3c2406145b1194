/**
 * Discord webhooks (`https://discord.com/api/webhooks/{id}/{token}`). Protocol facts:
 * ../shared/reference/chat-webhook-protocols.md §6. Dokos's payload (content, the site as sender, the
 * document link as an embed) with mentions switched off, cards as an embed, and `?wait=true` so that
 * Discord reports failures and returns the message id. A `?thread_id=` in the URL posts into that thread.
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
import { clampRetryAfterMs, codedOutcome, httpOutcome, parseJsonBody, retryAfterMs, truncateChars } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { appendQuery, bad, hostedOriginProblem, ok, parseUrl, quotedList, unexpectedParams } from '../url-checks.ts';

const HOSTS = ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com', 'ptb.discordapp.com', 'canary.discordapp.com'];
/** Snowflakes: 17 to 20 digits. */
const SNOWFLAKE = /^\d{17,20}$/;
const TOKEN = /^[A-Za-z0-9_-]{60,100}$/;
/** `content` holds 2,000 characters. */
export const MAX_CONTENT_CHARS = 2_000;
/** An embed's title holds 256 characters, its description 4,096 (all embeds together 6,000). */
export const MAX_EMBED_TITLE_CHARS = 256;
export const MAX_EMBED_DESCRIPTION_CHARS = 4_096;
/** A webhook's name holds 1 to 80 characters. */
const MAX_USERNAME_CHARS = 80;

/** `/api[/v10]/webhooks/{id}/{token}` split: the version part, the id and token, and what follows. */
function pathParts(pathname: string): { version: string; id: string; token: string | undefined; rest: string[] } | null {
  const segments = pathname.split('/').slice(1);
  const version = /^v\d{1,2}$/.test(segments[1] ?? '') ? `/${segments[1]}` : '';
  const [api, webhooks, id, token, ...rest] = version ? [segments[0], ...segments.slice(2)] : segments;
  return api === 'api' && webhooks === 'webhooks' && id ? { version, id, token, rest } : null;
}

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  const origin = hostedOriginProblem(url, 'Discord', HOSTS, options);
  if (origin) return bad(origin);
  const path = pathParts(url.pathname);
  if (!path) return bad(tr`the path must be /api/webhooks/{id}/{token}, as Discord gives it`);
  if (path.rest[0] === 'slack' || path.rest[0] === 'github')
    return bad(tr`remove /${path.rest[0]}: that address takes ${path.rest[0]}'s payloads`);
  if (path.rest.length > 0) return bad(tr`the path must be /api/webhooks/{id}/{token}, as Discord gives it`);
  if (!SNOWFLAKE.test(path.id)) return bad(tr`the webhook id after /webhooks/ is 17 to 20 digits in a Discord URL`);
  if (!path.token) return bad(tr`the token after the webhook id is missing (copy the whole URL from Discord)`);
  if (!TOKEN.test(path.token)) return bad(tr`the token is 60 to 100 letters, digits, - and _ in a Discord URL (copy the whole URL)`);
  const extra = unexpectedParams(url, ['thread_id']);
  if (extra.length > 0) return bad(tr`unexpected parameter ${quotedList(extra)}: keep only thread_id`);
  const thread = url.searchParams.getAll('thread_id');
  if (thread.length > 1 || (thread.length === 1 && !SNOWFLAKE.test(thread[0])))
    return bad(tr`thread_id is one thread id (17 to 20 digits)`);
  return ok;
}

/** `https://discord.com/api/webhooks/1234567890123456789/••••`: the id is not secret and tells webhooks apart. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  const path = pathParts(url.pathname);
  if (!path || !SNOWFLAKE.test(path.id)) return `${url.origin}/••••`;
  const thread = url.searchParams.get('thread_id');
  const query = thread && SNOWFLAKE.test(thread) ? `?thread_id=${thread}` : '';
  return `${url.origin}/api${path.version}/webhooks/${path.id}/••••${query}`;
}

/**
 * The site name as the sender when Discord takes it (webhook names: 1 to 80 characters, without "discord"
 * or "clyde", and, as usernames, without @, #, : or three backticks, nor "everyone" or "here"); otherwise
 * none, and Discord shows the webhook's own name.
 */
export function senderName(siteName: string): string | undefined {
  const name = siteName.replace(/\s+/g, ' ').trim();
  if (!name || /discord|clyde|[@#:]|```/i.test(name) || /^(everyone|here)$/i.test(name)) return undefined;
  return truncateChars(name, MAX_USERNAME_CHARS, '…');
}

function textBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const body: Record<string, unknown> = { content: truncateChars(message.message, MAX_CONTENT_CHARS, labels.truncated) };
  if (message.documentUrl) body.embeds = [{ title: labels.documentLink, url: message.documentUrl }];
  return body;
}

/** An embed (§6.2): the subject as title, linked to the document, the message as description. */
function cardBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const title = message.subject.trim() || (message.documentUrl ? labels.documentLink : '');
  const embed: Record<string, unknown> = {};
  if (title) embed.title = truncateChars(title, MAX_EMBED_TITLE_CHARS, '…');
  if (title && message.documentUrl) embed.url = message.documentUrl;
  if (message.message.trim()) embed.description = truncateChars(message.message, MAX_EMBED_DESCRIPTION_CHARS, labels.truncated);
  return { embeds: [embed] };
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = message.format === 'Card' ? cardBody(message) : textBody(message);
  const username = senderName(message.siteName);
  if (username) body.username = username;
  // Template data must not ping @everyone, roles or users.
  body.allowed_mentions = { parse: [] };
  // Appended as text, so the webhook's id and token (and a thread_id) stay byte-exact.
  const url = appendQuery(webhookUrl, 'wait=true');
  return { url, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

/** Discord's JSON error codes (§6.5) and what they mean. */
const ERRORS = new Map<number, { kind: 'broken' | 'rejected'; code: string }>([
  [10015, { kind: 'broken', code: 'DISCORD_UNKNOWN_WEBHOOK' }],
  [50027, { kind: 'broken', code: 'DISCORD_INVALID_WEBHOOK_TOKEN' }],
  [10003, { kind: 'broken', code: 'DISCORD_UNKNOWN_CHANNEL' }],
  // "Webhooks posted to forum channels must have a thread_name or thread_id": a thread_id in the URL fixes it.
  [220001, { kind: 'broken', code: 'DISCORD_FORUM_NEEDS_THREAD' }],
  [50006, { kind: 'rejected', code: 'DISCORD_EMPTY_MESSAGE' }],
  [50035, { kind: 'rejected', code: 'DISCORD_INVALID_FORM_BODY' }],
  [40005, { kind: 'rejected', code: 'DISCORD_REQUEST_TOO_LARGE' }],
]);

interface DiscordAnswer {
  id?: unknown;
  code?: unknown;
  retry_after?: unknown;
}

function classify(answer: HttpAnswer): SendOutcome {
  const { status } = answer;
  const json = parseJsonBody<DiscordAnswer>(answer.body);
  if (status >= 200 && status < 300) return { kind: 'sent', remoteId: typeof json?.id === 'string' ? json.id : null };
  if (status === 429) {
    // `retry_after` is in seconds (a float); it wins over Retry-After. Clamped: once seen in milliseconds.
    const body = typeof json?.retry_after === 'number' ? clampRetryAfterMs(json.retry_after * 1000) : null;
    return codedOutcome('retry', 'HTTP_429', answer, body ?? clampRetryAfterMs(retryAfterMs(answer.headers)));
  }
  const known = status < 500 && typeof json?.code === 'number' ? ERRORS.get(json.code) : undefined;
  return known ? codedOutcome(known.kind, known.code, answer) : httpOutcome(answer);
}

export const discord: ChannelAdapter = {
  service: 'Discord',
  /**
   * §0.3: read the headers, don't hard-code. The per-webhook limit seen is 5 requests per 2 s, but a
   * hidden per-channel limit answers 429s with 40–45 s waits, and 429s count towards an IP ban (§6.4):
   * one message every 2 s stays well below both.
   */
  defaultRatePerMinute: 30,
  canThread: false,
  hasCards: true,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
