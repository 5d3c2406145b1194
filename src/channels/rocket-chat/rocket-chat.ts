/**
 * Rocket.Chat incoming webhooks (`https://{server}[/subpath]/hooks/{integrationId}/{token}`, self-hosted).
 * Protocol facts: ../shared/reference/chat-webhook-protocols.md §5. Dokos's payload: the text, and the
 * document link as an attachment's title. No threads (`tmid` needs the first message's id, which the
 * webhook does not return) and no cards.
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
import { bad, isAllowedSelfHostedScheme, ok, parseUrl, splitAtSegment } from '../url-checks.ts';

const SERVICE = 'Rocket.Chat';
/** Meteor ids: 17 letters and digits (integration and user). */
const METEOR_ID = /^[A-Za-z0-9]{17}$/;
/** Tokens may hold `/`, `+` and `=`, written percent-encoded (`%2F`); the server decodes them. */
const TOKEN = /^[A-Za-z0-9%._~+=-]+$/;
/** Rocket.Chat's default `Message_MaxAllowedSize` (UTF-16 code units); the protocol notes give none. */
export const MAX_MESSAGE_CHARS = 5_000;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  if (!isAllowedSelfHostedScheme(url, options)) return bad(tr`a ${SERVICE} webhook URL starts with https://`);
  const parts = splitAtSegment(url.pathname, 'hooks')?.parts ?? [];
  if (parts.length === 0 || parts.length > 3)
    return bad(tr`the path must end with /hooks/{integration id}/{token}, as Rocket.Chat gives it`);
  // `/hooks/{integrationId}/{userId}/{token}` is the older form, still served.
  const id = parts[0];
  const userId = parts.length === 3 ? parts[1] : null;
  const token = parts.length > 1 ? parts[parts.length - 1] : '';
  if (!METEOR_ID.test(id)) return bad(tr`the integration id after /hooks/ is 17 letters and digits in a Rocket.Chat URL`);
  if (userId !== null && !METEOR_ID.test(userId)) return bad(tr`the token holds a "/": keep it written %2F, as Rocket.Chat gives it`);
  if (!token) return bad(tr`the token after the integration id is missing (copy the whole URL from Rocket.Chat)`);
  if (!TOKEN.test(token)) return bad(tr`the token holds characters Rocket.Chat tokens never have`);
  if (url.search) return bad(tr`a ${SERVICE} webhook URL has no ?parameters`);
  return ok;
}

/** `https://chat.example.com/hooks/…/••••`. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  const path = splitAtSegment(url.pathname, 'hooks');
  return path ? `${url.origin}${path.base}/hooks/…/••••` : `${url.origin}/••••`;
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const labels = LABELS[message.language];
  const body: Record<string, unknown> = { text: truncateChars(message.message, MAX_MESSAGE_CHARS, labels.truncated) };
  if (message.documentUrl) body.attachments = [{ title: labels.documentLink, title_link: message.documentUrl }];
  return { url: webhookUrl, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

/** `{"success": false, "error": "…"}`; the older authentication failure says `{"status": "error", "message": "…"}`. */
interface RocketChatAnswer {
  success?: unknown;
  error?: unknown;
  message?: unknown;
}

/** Errors about the room, not the message (processWebhookMessage, canSendMessage): the destination is broken. */
const ROOM_ERRORS = new Map<string, string>([
  ['invalid-channel', 'ROCKET_CHAT_ROOM_NOT_FOUND'],
  ['error-invalid-room', 'ROCKET_CHAT_ROOM_NOT_FOUND'],
  ['error-not-allowed', 'ROCKET_CHAT_NOT_ALLOWED'],
  ['room_is_blocked', 'ROCKET_CHAT_NOT_ALLOWED'],
  ['You_have_been_muted', 'ROCKET_CHAT_NOT_ALLOWED'],
  ["You can't send messages because the room is readonly.", 'ROCKET_CHAT_NOT_ALLOWED'],
]);

const INVALID_HOOK = /invalid integration id or token|must be logged in/i;

/** The rate limiter's "You must wait 12 seconds before trying this endpoint again", in ms. */
function waitHintMs(error: string): number | null {
  const seconds = /wait (\d+(?:\.\d+)?) seconds?/i.exec(error)?.[1];
  return seconds ? clampRetryAfterMs(Number(seconds) * 1000) : null;
}

function classify(answer: HttpAnswer): SendOutcome {
  const { status } = answer;
  const json = parseJsonBody<RocketChatAnswer>(answer.body);
  const failed = json?.success === false;
  if (status >= 200 && status < 300 && !failed) return { kind: 'sent', remoteId: null };
  const error = typeof json?.error === 'string' ? json.error : typeof json?.message === 'string' ? json.message : '';
  if (status === 429) return codedOutcome('retry', 'HTTP_429', answer, retryAfterMs(answer.headers) ?? waitHintMs(error));
  if (status === 401 || INVALID_HOOK.test(error)) return codedOutcome('broken', 'ROCKET_CHAT_INVALID_WEBHOOK', answer);
  // A disabled integration answers 503 in Rocket.Chat's JSON; a proxy's 503 (server down) is retried.
  if (status === 503 && failed) return codedOutcome('broken', 'ROCKET_CHAT_INTEGRATION_DISABLED', answer);
  if (status >= 500) return httpOutcome(answer);
  const roomError = ROOM_ERRORS.get(error);
  if (roomError) return codedOutcome('broken', roomError, answer);
  if (error === 'error-running-script') return codedOutcome('rejected', 'ROCKET_CHAT_SCRIPT_FAILED', answer);
  const refused = failed && (status === 400 || status < 300);
  return refused ? codedOutcome('rejected', 'ROCKET_CHAT_REJECTED', answer) : httpOutcome(answer);
}

export const rocketChat: ChannelAdapter = {
  service: 'Rocket.Chat',
  /**
   * §0.3 suggests one message a second, but Rocket.Chat's API rate limiter is on by default at 10 calls
   * a minute per route (`API_Enable_Rate_Limiter_Limit_Calls_Default`, the doc's "10 calls / 60 000 ms"),
   * and a webhook URL is a route: faster would earn 429s. Raise it per webhook where the server allows.
   */
  defaultRatePerMinute: 10,
  canThread: false,
  hasCards: false,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
