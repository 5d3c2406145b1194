/**
 * `GET /metrics` for Prometheus (System Manager only, with the usual session cookie or API token), and
 * the hook that times every request the server answers.
 */
import type { FastifyInstance } from 'fastify';
import type { RelaisApp } from '../app.ts';
import { isSystemManager } from '../documents/permissions.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';

export function registerMetricsRoutes(server: FastifyInstance, app: RelaisApp): void {
  server.addHook('onResponse', async (request, reply) => {
    app.metrics.http.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });

  server.get('/metrics', async (request, reply) => {
    if (!isSystemManager(request.actor)) {
      throw new RelaisError('PERMISSION_DENIED', tr`Only a ${term('System Manager')} may ${tr`read the metrics`}`);
    }
    const body = await app.metrics.exposition();
    return reply.type(app.metrics.contentType).send(body);
  });
}
