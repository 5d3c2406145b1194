import type { FastifyRequest } from 'fastify';
import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';

/** A method's arguments: the query string and the body (JSON or form) merged, body winning (Frappe's form_dict). */
export function methodArgs(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  if (body === undefined || body === null || body === '') return { ...query };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new RelaisError('BAD_REQUEST', tr`The request body must be a JSON object (or a form) of named arguments`);
  }
  return { ...query, ...(body as Record<string, unknown>) };
}

/** An argument that Frappe clients may send as JSON text (filters, fieldname, doc): parsed when it is text. */
export function jsonArg(args: Record<string, unknown>, name: string): unknown {
  const value = args[name];
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!/^[[{"]/.test(trimmed)) return value;
  try {
    return JSON.parse(trimmed);
  } catch (err) {
    throw new RelaisError('BAD_JSON', tr`Argument ${name} is not valid JSON: ${(err as Error).message}`, { field: name });
  }
}

/** A required text argument; BAD_REQUEST naming it when missing. */
export function textArg(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value === '') {
    throw new RelaisError('BAD_REQUEST', tr`Argument ${name} is required`, { field: name });
  }
  return value;
}

/** Frappe's truthiness of flags sent as text: "true", "1", 1, true. */
export function flagArg(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'string') return !['0', 'false', 'False', 'no'].includes(value);
  return Boolean(value);
}

/**
 * The document a resource write sends: the JSON body itself, or Frappe's `{"data": <object or JSON text>}`
 * wrapper (what older Frappe clients and forms send).
 */
export function documentBody(request: FastifyRequest): Record<string, unknown> {
  let body = request.body as unknown;
  if (body === undefined || body === null || body === '') body = {};
  if (typeof body === 'object' && !Array.isArray(body)) {
    const keys = Object.keys(body as object);
    const data = (body as Record<string, unknown>).data;
    if (keys.length === 1 && keys[0] === 'data' && (typeof data === 'string' || (typeof data === 'object' && data !== null))) {
      body = typeof data === 'string' ? jsonArg({ data }, 'data') : data;
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RelaisError('BAD_REQUEST', tr`The request body must be a JSON object holding the document fields`);
  }
  return body as Record<string, unknown>;
}
