import { requestLanguage } from '../i18n/request-language.ts';
import { tr, type Language } from '../i18n/text.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RelaisApp } from '../app.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Actor } from '../documents/permissions.ts';
import { DEFAULT_DESK_ROOT, isDeskPath, registerDeskRoutes } from './desk-routes.ts';
import { errorBody, toRelaisError } from './error-response.ts';
import { isPublicMethod, registerMethodRoutes } from './method-routes.ts';
import { registerResourceRoutes } from './resource-routes.ts';
import { registerMetricsRoutes } from '../metrics/metrics-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set for every authenticated route. */
    actor: Actor;
    /** The language to answer in (Accept-Language, else the site language). */
    language: Language;
  }
}

export interface ServerOptions {
  /** pino logger options; false for none (tests). */
  logger?: boolean | Record<string, unknown>;
  /** The folder of the built Desk served at /app (default web/dist). */
  deskRoot?: string;
}

const PUBLIC_PATHS = new Set(['/healthz']);

function isPublic(url: string): boolean {
  const path = url.split('?')[0];
  if (PUBLIC_PATHS.has(path) || isDeskPath(path)) return true;
  const method = /^\/api\/method\/([^/]+)$/.exec(path);
  return method !== null && isPublicMethod(decodeURIComponent(method[1]));
}

/** Logger settings that never write credentials. */
export function loggerOptions(level: string): Record<string, unknown> {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
}

/** Builds the HTTP server: Frappe's REST API over the app, with authentication and Frappe-style errors. */
export async function buildServer(app: RelaisApp, options: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({
    bodyLimit: app.config.bodyLimit,
    logger: options.logger ?? loggerOptions(app.config.logLevel),
    // Doctype names contain spaces and names may hold dots: keep the router's defaults, decode params.
    routerOptions: { maxParamLength: 500 },
  });
  await server.register(cookie);
  await server.register(formbody, { bodyLimit: app.config.bodyLimit });
  // Frappe clients (frappe-js-sdk's deleteDoc) send `Content-Type: application/json` on a DELETE with no
  // body, and Frappe accepts it: there, an empty JSON body is no body rather than malformed JSON.
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.method === 'DELETE') done(null, undefined);
    else parseJson(request, body as string, done);
  });
  server.decorateRequest('actor', undefined as unknown as Actor);
  server.decorateRequest('language', 'en' as Language);

  // onRequest: before the body is read, so an unauthenticated client cannot make the server parse a large body.
  server.addHook('onRequest', async (request) => {
    request.language = requestLanguage(request.headers['accept-language'], app.config.language);
    const actor = await app.auth.authenticate({ authorization: request.headers.authorization, sid: request.cookies.sid });
    if (actor) request.actor = actor;
    else if (!isPublic(request.url))
      throw new RelaisError(
        'NOT_AUTHENTICATED',
        tr`Not logged in: send Authorization: token <api_key>:<api_secret>, or log in at /api/method/login`,
      );
  });

  registerMetricsRoutes(server, app);

  server.setErrorHandler((err, request, reply) => {
    const { error, internal } = toRelaisError(err);
    if (internal) request.log.error({ err }, 'unhandled error');
    reply.status(error.status).send(errorBody(error, request.language));
  });
  server.setNotFoundHandler((request, reply) => {
    const error = new RelaisError('NOT_FOUND', tr`No route ${request.method} ${request.url.split('?')[0]}`);
    reply.status(404).send(errorBody(error, request.language));
  });

  // Liveness and readiness in one: answers 503 when the database does not respond.
  server.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.store.db);
      return { status: 'ok', database: app.store.adapter.name };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: app.store.adapter.name });
    }
  });
  registerResourceRoutes(server, app);
  registerMethodRoutes(server, app);
  await registerDeskRoutes(server, { root: options.deskRoot ?? DEFAULT_DESK_ROOT, siteName: app.config.siteName });
  return server;
}
