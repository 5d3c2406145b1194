import { tr, type Text } from '../i18n/text.ts';
import type { HttpAnswer, SendOutcome } from './channel-types.ts';

/** Longest piece of a service's answer kept in an error message. */
const SNIPPET_CHARS = 300;

/** The start of a response body, on one line, for error messages. */
export function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}

/** `HTTP 403: <the service's answer>`, or `HTTP 502` when it said nothing: the answer quoted as it came. */
export function httpMessage(status: number, detail: string): Text {
  return detail ? tr`HTTP ${status}: ${detail}` : tr`HTTP ${status}`;
}

/** `Retry-After` in ms: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: HttpAnswer['headers'], now = Date.now()): number | null {
  const raw = headers['retry-after']?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The rule every service follows unless it says otherwise: 2xx sent; 408, 425, 429 and 5xx retry
 * (after Retry-After when given); 401, 403, 404 and 410 mean the destination is broken; any other
 * 4xx means this message was refused.
 */
export function httpOutcome(answer: HttpAnswer, detail = snippet(answer.body)): SendOutcome {
  const { status } = answer;
  const message = httpMessage(status, detail);
  if (status >= 200 && status < 300) return { kind: 'sent', remoteId: null };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return { kind: 'retry', code: `HTTP_${status}`, message, retryAfterMs: retryAfterMs(answer.headers) };
  }
  if (status === 401 || status === 403 || status === 404 || status === 410) return { kind: 'broken', code: `HTTP_${status}`, message };
  return { kind: 'rejected', code: `HTTP_${status}`, message };
}

/** Cuts `text` so that it takes at most `maxBytes` in UTF-8, ending with `marker`. */
export function truncateBytes(text: string, maxBytes: number, marker: string): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(marker);
  let cut = text.slice(0, budget);
  while (Buffer.byteLength(cut) > budget) cut = cut.slice(0, -Math.max(1, Math.ceil((Buffer.byteLength(cut) - budget) / 4)));
  // Never leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + marker;
}

/** A JSON answer body parsed, or null when it is not JSON. */
export function parseJsonBody<T>(body: string): T | null {
  try {
    return JSON.parse(body) as T;
  } catch {
    return null;
  }
}

/**
 * `JSON.stringify(build(text))` within `maxBytes`: `text` cut (ending with `marker`) as much as the
 * JSON around it and its escaping (`\n`, `\"`, `\u0001`…) need.
 */
export function jsonWithin(maxBytes: number, text: string, marker: string, build: (text: string) => unknown): string {
  let room = maxBytes;
  for (;;) {
    const json = JSON.stringify(build(truncateBytes(text, room, marker)));
    const over = Buffer.byteLength(json) - maxBytes;
    if (over <= 0 || room <= Buffer.byteLength(marker)) return json;
    room = Math.max(Buffer.byteLength(marker), room - over);
  }
}

/**
 * Cuts `text` to at most `maxChars` UTF-16 code units, ending with `marker`, for limits counted in
 * characters (Slack, Discord) or runes (Mattermost): a code unit count is never below either. A
 * surrogate pair is never split.
 */
export function truncateChars(text: string, maxChars: number, marker: string): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, Math.max(0, maxChars - marker.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + marker;
}

/** Longest wait a service may impose; a longer one (Discord was seen sending milliseconds as seconds) is cut to this. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** A wait a service asked for, in ms, within 0 and MAX_RETRY_AFTER_MS; null when it is no number. */
export function clampRetryAfterMs(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

/**
 * A failure under the service's own code (`SLACK_INVALID_TOKEN`…), with the usual `HTTP <status>: <answer>`
 * message; a retry waits for Retry-After unless `retryAfter` is given.
 */
export function codedOutcome(
  kind: 'retry' | 'broken' | 'rejected',
  code: string,
  answer: HttpAnswer,
  retryAfter: number | null = retryAfterMs(answer.headers),
): SendOutcome {
  const message = httpMessage(answer.status, snippet(answer.body));
  return kind === 'retry' ? { kind, code, message, retryAfterMs: retryAfter } : { kind, code, message };
}
