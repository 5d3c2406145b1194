/**
 * SMS through the HTTP gateway of Frappe's SMS Settings: one request per phone number, built as
 * Frappe's `send_request` builds it — the message and receiver under the parameter names the gateway
 * expects, the static parameters beside them, header rows as HTTP headers, a GET with a query string
 * or a POST (a form, or JSON when a header row sets `Content-Type: application/json`). Pure: the HTTP
 * sender sends it, through the same SSRF guard as webhooks.
 */
import { tr, type Text } from '../../i18n/text.ts';
import type { HttpAnswer, OutboundRequest, SendOutcome, UrlVerdict } from '../channel-types.ts';
import { httpOutcome } from '../http-outcomes.ts';
import { messageAsText } from '../plain-text.ts';

/** A row of SMS Settings' `parameters` table (Frappe's SMS Parameter). */
export interface SmsParameter {
  parameter: string;
  value: string;
  /** Sent as an HTTP header instead of a request parameter. */
  header: boolean;
}

/** Frappe's SMS Settings, as the worker needs them. */
export interface SmsSettings {
  gatewayUrl: string;
  /** The parameter that carries the text (`message_parameter`, e.g. `text`). */
  messageParameter: string;
  /** The parameter that carries the phone number (`receiver_parameter`, e.g. `to`). */
  receiverParameter: string;
  parameters: SmsParameter[];
  usePost: boolean;
}

/** Longest text sent, in characters: 10 concatenated SMS, more than any notification needs (gateways cap near there). */
export const MAX_SMS_CHARS = 1600;

/** Frappe's default Accept header for gateway requests. */
const ACCEPT = 'text/plain, text/html, */*';

/** A phone number as typed: digits with spaces, dots, dashes and parentheses, a leading `+` at most. */
const PHONE = /^\+?[0-9 ().-]+$/;

/** `+33 6 12-34-56-78` → `+33612345678`, or why it is not a phone number. */
export function normalisePhoneNumber(raw: string): { ok: true; number: string } | { ok: false; reason: Text } {
  const text = raw.trim();
  const shown = text.slice(0, 40);
  if (!PHONE.test(text)) return { ok: false, reason: tr`"${shown}" is not a phone number (digits, spaces, + - . and parentheses only)` };
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) {
    return { ok: false, reason: tr`"${shown}" has ${digits.length} digits; a phone number has 6 to 15` };
  }
  return { ok: true, number: `${text.startsWith('+') ? '+' : ''}${digits}` };
}

/** The gateway URL check done when SMS Settings are saved: an http(s) URL with a host, no user name, password or fragment. */
export function checkGatewayUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: tr`this is not a URL (it starts with https://)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: tr`an SMS gateway URL starts with https:// or http://` };
  if (url.username || url.password) {
    return { ok: false, reason: tr`put credentials in the parameters table (an Authorization header row, or a parameter), not in the URL` };
  }
  if (url.hash) return { ok: false, reason: tr`an SMS gateway URL has no #fragment` };
  return { ok: true };
}

/** The gateway request for one number, or the refusal when the number is not one. */
export type SmsRequest =
  { ok: true; number: string; request: OutboundRequest } | { ok: false; outcome: Extract<SendOutcome, { kind: 'rejected' }> };

/** The message as SMS text: HTML stripped, at most MAX_SMS_CHARS characters. */
export function smsText(message: string): string {
  const chars = Array.from(messageAsText(message, { wrap: false }));
  return chars.length > MAX_SMS_CHARS ? `${chars.slice(0, MAX_SMS_CHARS - 1).join('')}…` : chars.join('');
}

/**
 * The request that sends `message` to `phoneNumber`. As in Frappe, a static parameter named like the
 * message parameter replaces the message, and the receiver parameter is set last. One difference: a
 * JSON gateway without Use POST gets its parameters in the query string (Frappe would send a GET
 * with a JSON body, which servers and proxies drop).
 */
export function buildSmsRequest(settings: SmsSettings, phoneNumber: string, message: string): SmsRequest {
  const phone = normalisePhoneNumber(phoneNumber);
  if (!phone.ok) return { ok: false, outcome: { kind: 'rejected', code: 'INVALID_PHONE_NUMBER', message: phone.reason } };
  const headers: Record<string, string> = { accept: ACCEPT };
  const params = new Map<string, string>([[settings.messageParameter, smsText(message)]]);
  for (const row of settings.parameters) {
    if (row.header) headers[row.parameter.toLowerCase()] = row.value;
    else params.set(row.parameter, row.value);
  }
  params.set(settings.receiverParameter, phone.number);
  const json = /^application\/json\b/i.test(headers['content-type'] ?? '');
  let request: OutboundRequest;
  if (!settings.usePost) {
    const query = new URLSearchParams([...params]).toString();
    const url = settings.gatewayUrl.trim();
    request = { method: 'GET', url: `${url}${/[?&]$/.test(url) ? '' : url.includes('?') ? '&' : '?'}${query}`, headers, body: '' };
  } else if (json) {
    request = { method: 'POST', url: settings.gatewayUrl.trim(), headers, body: JSON.stringify(Object.fromEntries(params)) };
  } else {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    request = { method: 'POST', url: settings.gatewayUrl.trim(), headers, body: new URLSearchParams([...params]).toString() };
  }
  return { ok: true, number: phone.number, request };
}

/** The gateway's answer: 2xx sent; otherwise the common HTTP rule (401/403/404: broken, 429/5xx: retry…). */
export function classifySmsAnswer(answer: HttpAnswer): SendOutcome {
  return httpOutcome(answer);
}
