import type { FastifyInstance } from 'fastify';
import type { RelaisApp } from '../app.ts';
import { RelaisError } from '../errors/relais-error.ts';
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
    if (!definition) throw new RelaisError('METHOD_NOT_FOUND', `No method ${JSON.stringify(name.slice(0, 140))}`, { method: name });
    const result = await definition.handler({ args: methodArgs(request), app, request, reply });
    if (result instanceof RawBody) return result.body;
    // Frappe leaves `message` out when a method returns nothing.
    return result === undefined || result === null ? {} : { message: result };
  };
  server.get('/api/method/:method', handler);
  server.post('/api/method/:method', handler);
}
