import { RelaisError, isRelaisError } from '../errors/relais-error.ts';
import { tr, verbatim, type Language, type Text } from '../i18n/text.ts';

/** The body of an error response: Frappe's fields for Frappe clients, and Relais's structured `error`. */
export interface ErrorBody {
  exception: string;
  exc_type: string;
  _server_messages: string;
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Fastify's own errors that stem from the client's request, mapped to our codes. */
const FASTIFY_CODES: Record<string, RelaisError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
};

/**
 * Turns any thrown value into a RelaisError safe to show: our own errors pass through, Fastify's
 * request errors get a code, anything else becomes a generic INTERNAL_ERROR (the cause is logged,
 * never sent).
 */
export function toRelaisError(err: unknown): { error: RelaisError; internal: boolean } {
  if (isRelaisError(err)) return { error: err, internal: false };
  const e = err as { code?: string; statusCode?: number; message?: string };
  const mapped = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped === 'BAD_JSON')
    return { error: new RelaisError('BAD_JSON', tr`Malformed JSON in the request body: ${e.message}`), internal: false };
  if (mapped === 'PAYLOAD_TOO_LARGE')
    return { error: new RelaisError('PAYLOAD_TOO_LARGE', tr`Request body is too large`, { limit: 'RELAIS_BODY_LIMIT' }), internal: false };
  if (mapped) return { error: new RelaisError(mapped, fastifyWords(e.message)), internal: false };
  if (err instanceof SyntaxError && e.statusCode === 400)
    return { error: new RelaisError('BAD_JSON', tr`Malformed JSON in the request body: ${e.message}`), internal: false };
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return { error: new RelaisError('BAD_REQUEST', fastifyWords(e.message)), internal: false };
  return { error: new RelaisError('INTERNAL_ERROR', tr`Internal server error`), internal: true };
}

/** Fastify's own message (its words, in English), or a generic one. */
function fastifyWords(message: string | undefined): Text {
  return message !== undefined ? verbatim(message) : tr`Bad request`;
}

/** The response body of `error`, its message said in `language` (the request's). */
export function errorBody(error: RelaisError, language: Language): ErrorBody {
  const message = error.messageIn(language);
  const serverMessage = JSON.stringify({ message, title: 'Message', indicator: 'red', raise_exception: 1 });
  return {
    exception: `frappe.exceptions.${error.excType}: ${message}`,
    exc_type: error.excType,
    _server_messages: JSON.stringify([serverMessage]),
    error: { code: error.code, message, details: stripUndefined(error.details) },
  };
}

function stripUndefined(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}
