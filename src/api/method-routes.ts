import type { FastifyInstance } from 'fastify';
import type { RelaisApp } from '../app.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { Text, tr, type Language } from '../i18n/text.ts';
import { AUTH_METHODS } from './methods/auth-methods.ts';
import { CLIENT_METHODS } from './methods/client-methods.ts';
import { DELIVERY_METHODS } from './methods/delivery-methods.ts';
import { INTEGRATION_METHODS } from './methods/integration-methods.ts';
import { NOTIFICATION_METHODS } from './methods/notification-methods.ts';
import { RawBody, type MethodDefinition } from './methods/method.ts';
import { methodArgs } from './request-args.ts';

/** Every method callable at `/api/method/{name}`. */
export const METHODS = new Map<string, MethodDefinition>(
  Object.entries({ ...AUTH_METHODS, ...CLIENT_METHODS, ...NOTIFICATION_METHODS, ...INTEGRATION_METHODS, ...DELIVERY_METHODS }),
);

/** Whether `/api/method/{name}` may be called without credentials. */
export function isPublicMethod(name: string): boolean {
  return METHODS.get(name)?.public === true;
}

/** `GET` and `POST /api/method/{name}`: Frappe's whitelisted method calls. */
export function registerMethodRoutes(server: FastifyInstance, app: RelaisApp): void {
  const handler = async (
    request: import('fastify').FastifyRequest<{ Params: { method: string } }>,
    reply: import('fastify').FastifyReply,
  ) => {
    const name = request.params.method;
    const definition = METHODS.get(name);
    if (!definition) throw new RelaisError('METHOD_NOT_FOUND', tr`No method ${JSON.stringify(name.slice(0, 140))}`, { method: name });
    const result = await definition.handler({ args: methodArgs(request), app, request, reply });
    if (result instanceof RawBody) return result.body;
    // Frappe leaves `message` out when a method returns nothing.
    return result === undefined || result === null ? {} : { message: sayTexts(result, request.language) };
  };
  server.get('/api/method/:method', handler);
  server.post('/api/method/:method', handler);
}

/**
 * A method's result with every `Text` in it (a preview's note, an explanation's detail) said in
 * `language`. English needs no walk: a `Text` serialises as its English.
 */
export function sayTexts(value: unknown, language: Language): unknown {
  if (language === 'en') return value;
  if (value instanceof Text) return value.in(language);
  if (Array.isArray(value)) return value.map((item) => sayTexts(item, language));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sayTexts(item, language)]));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
